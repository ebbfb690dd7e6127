using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Nabla.Autodiff;

namespace Nabla.NN;

/// <summary>
/// Finds, once per layer type, the fields that hold parameters, layers or lists of layers (lists of lists too),
/// in declaration order (base classes first), named after the member (an auto-property's backing field takes
/// the property's name).
/// </summary>
internal static class LayerMembers
{
    private static readonly ConcurrentDictionary<Type, (string Name, FieldInfo Field)[]> cache = new();

    public static IEnumerable<(string Name, object Value)> Values(Layer layer)
    {
        foreach (var (name, field) in cache.GetOrAdd(layer.GetType(), Discover))
            if (field.GetValue(layer) is { } value) yield return (name, value);
    }

    private static (string, FieldInfo)[] Discover(Type type)
    {
        var chain = new Stack<Type>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType) chain.Push(t);
        var found = new List<(string, FieldInfo)>();
        foreach (var t in chain)
        {
            var fields = t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(f => IsTracked(f.FieldType))
                .OrderBy(f => f.MetadataToken);
            foreach (var f in fields) found.Add((MemberName(f), f));
        }
        return [.. found];
    }

    private static bool IsTracked(Type t) =>
        typeof(Parameter).IsAssignableFrom(t) || typeof(Layer).IsAssignableFrom(t) ||
        (typeof(IEnumerable).IsAssignableFrom(t) && t != typeof(string) && ElementIsLayer(t));

    /// <summary>Whether the items are layers, or lists whose items are (List&lt;Layer[]&gt; and deeper).</summary>
    private static bool ElementIsLayer(Type t)
    {
        var element = t.IsArray ? t.GetElementType() : t.GetInterfaces().Append(t)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        if (element is null) return false;
        return typeof(Layer).IsAssignableFrom(element) ||
            (typeof(IEnumerable).IsAssignableFrom(element) && element != typeof(string) && ElementIsLayer(element));
    }

    /// <summary>"&lt;L1&gt;k__BackingField" becomes "L1"; a leading underscore is dropped.</summary>
    private static string MemberName(FieldInfo f)
    {
        var name = f.Name;
        if (name.StartsWith('<') && name.IndexOf('>') is > 1 and var end) return name[1..end];
        return name.TrimStart('_');
    }
}
