namespace QualityCity.Web.Cli;

/// <summary>One row of the verb table, <see cref="CommandLine.Verbs"/>.</summary>
public sealed class CliVerb
{
    internal CliVerb(string name, string? subVerb, bool needsDatabase, Func<CliContext, Task<int>> runAsync, string usage, string summary)
    {
        Name = name;
        SubVerb = subVerb;
        NeedsDatabase = needsDatabase;
        RunAsync = runAsync;
        Usage = usage;
        Summary = summary;
    }

    /// <summary>The first word (<c>draw</c>).</summary>
    public string Name { get; }

    /// <summary>The second word the row answers to (<c>sample</c>); null when the verb takes any (<c>users</c>) or none.</summary>
    public string? SubVerb { get; }

    /// <summary>The option that selects this form of a verb (<c>demo --csv</c>); a row with it is preferred to one without.</summary>
    public string? Option { get; init; }

    /// <summary>
    /// The handler runs in a scope of the platform's services over the configured database (the server
    /// builds its own host instead).
    /// </summary>
    public bool NeedsDatabase { get; }

    internal Func<CliContext, Task<int>> RunAsync { get; }

    /// <summary>The synopsis as the help prints it: one line per form.</summary>
    public string Usage { get; }

    /// <summary>What it does, printed beside the synopsis (one line per <c>\n</c>).</summary>
    public string Summary { get; }

    /// <summary>Whether the row answers to these words (<paramref name="options"/> of the same arguments).</summary>
    internal bool Matches(string name, CliOptions options) =>
        Name == name
        && (SubVerb is null || SubVerb == options.Positional.FirstOrDefault())
        && (Option is null || options.Named.ContainsKey(Option));
}
