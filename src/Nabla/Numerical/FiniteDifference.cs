namespace Nabla.Numerical;

/// <summary>A finite-difference formula for a first derivative, with its truncation error for a step h.</summary>
public enum FiniteDifference
{
    /// <summary>(f(x+h) − f(x)) / h: error O(h), one extra evaluation per direction.</summary>
    Forward,

    /// <summary>(f(x+h) − f(x−h)) / 2h: error O(h²), two evaluations per direction.</summary>
    Central,

    /// <summary>
    /// Central differences with steps h and h/2 combined by Richardson extrapolation, (4·D(h/2) − D(h)) / 3, which
    /// cancels the h² term: error O(h⁴), four evaluations per direction.
    /// </summary>
    Richardson,
}
