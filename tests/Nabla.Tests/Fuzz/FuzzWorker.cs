using System.Collections.Concurrent;

namespace Nabla.Tests.Fuzz;

/// <summary>
/// A background thread that runs the parses of one fuzz run in turn. It is a background thread so that one left in
/// a hang does not keep the test process alive; the queue is never completed, since a hung worker is simply dropped.
/// </summary>
internal sealed class FuzzWorker
{
    private readonly BlockingCollection<Action> work = [];

    public FuzzWorker()
    {
        var thread = new Thread(() =>
        {
            foreach (var item in work.GetConsumingEnumerable()) item();
        })
        {
            IsBackground = true,
            Name = "fuzz parse",
        };
        thread.Start();
    }

    public void Post(Action item) => work.Add(item);
}
