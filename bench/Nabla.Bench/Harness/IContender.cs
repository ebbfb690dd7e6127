namespace Nabla.Bench.Harness;

/// <summary>
/// One system's side of a workload. Setup (data, parameters) happens in the constructor, outside any timing;
/// each <see cref="Run"/> times only the work the figure is about and returns the figure. After the last run the
/// runner asks for <see cref="Checks"/> and <see cref="Extra"/>, outside timing and allocation counts.
/// </summary>
internal interface IContender : IDisposable
{
    /// <summary>Does the work once and returns the figure, in the workload's unit.</summary>
    double Run();

    /// <summary>
    /// Results of the last run that both systems must agree on (a final point, a loss, a sum): if they
    /// differ the two did not do the same work and the timings compare nothing.
    /// </summary>
    double[] Checks();

    /// <summary>An optional extra figure of the last run for the report (a node count, an accuracy).</summary>
    string? Extra() => null;

    /// <summary>
    /// Work after each run (warm-up or timed) that is neither timed nor counted as the run's allocation, such as
    /// a test accuracy once a training workload reaches the epoch its figure is defined at.
    /// </summary>
    void AfterRun() { }
}
