namespace Nabla.NN;

/// <summary>A layer that is a whole network: the unit that is trained, saved and loaded.</summary>
public abstract class Model : Layer
{
}
