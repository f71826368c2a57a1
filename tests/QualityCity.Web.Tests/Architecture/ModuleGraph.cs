using System.Text;

namespace QualityCity.Web.Tests.Architecture;

/// <summary>The modules and which uses which, built from the compiled references.</summary>
public sealed class ModuleGraph
{
    private ModuleGraph(SortedDictionary<string, SortedSet<string>> edges) => Edges = edges;

    /// <summary>Each module and the modules it uses.</summary>
    public SortedDictionary<string, SortedSet<string>> Edges { get; }

    public static ModuleGraph From(IEnumerable<ModuleReference> references, IEnumerable<string> modules)
    {
        var edges = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            edges[module] = new SortedSet<string>(StringComparer.Ordinal);
        }

        foreach (var reference in references)
        {
            if (!edges.TryGetValue(reference.FromModule, out var targets))
            {
                edges[reference.FromModule] = targets = new SortedSet<string>(StringComparer.Ordinal);
            }

            targets.Add(reference.ToModule);
            edges.TryAdd(reference.ToModule, new SortedSet<string>(StringComparer.Ordinal));
        }

        return new ModuleGraph(edges);
    }

    /// <summary>Every group of modules that use each other in a circle (Tarjan's strongly connected components of two or more).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = 0;
        var indices = new Dictionary<string, int>(StringComparer.Ordinal);
        var lowLinks = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<IReadOnlyList<string>>();

        void Visit(string module)
        {
            indices[module] = lowLinks[module] = index++;
            stack.Push(module);
            onStack.Add(module);
            foreach (var target in Edges[module])
            {
                if (!indices.TryGetValue(target, out var targetIndex))
                {
                    Visit(target);
                    lowLinks[module] = Math.Min(lowLinks[module], lowLinks[target]);
                }
                else if (onStack.Contains(target))
                {
                    lowLinks[module] = Math.Min(lowLinks[module], targetIndex);
                }
            }

            if (lowLinks[module] != indices[module])
            {
                return;
            }

            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            }
            while (member != module);

            if (component.Count > 1 || Edges[module].Contains(module))
            {
                component.Sort(StringComparer.Ordinal);
                cycles.Add(component);
            }
        }

        foreach (var module in Edges.Keys)
        {
            if (!indices.ContainsKey(module))
            {
                Visit(module);
            }
        }

        return cycles;
    }

    /// <summary>The graph as a Mermaid flowchart, one line per module and per use, in a stable order.</summary>
    public string ToMermaid()
    {
        var text = new StringBuilder("```mermaid\nflowchart TD\n");
        foreach (var module in Edges.Keys)
        {
            text.Append("    ").Append(module).Append('\n');
        }

        foreach (var (module, targets) in Edges)
        {
            foreach (var target in targets)
            {
                text.Append("    ").Append(module).Append(" --> ").Append(target).Append('\n');
            }
        }

        return text.Append("```\n").ToString();
    }
}
