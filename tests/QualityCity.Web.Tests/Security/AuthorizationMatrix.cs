using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Razor.Hosting;
using Microsoft.AspNetCore.Routing;

namespace QualityCity.Web.Tests.Security;

/// <summary>Who may call a route: every caller, none, or only for what is theirs (their department, their enterprise, their visits).</summary>
public enum Access { Yes, No, Own }

/// <summary>One row of docs/authorization-matrix.csv: a route and what each of the six kinds of caller may do with it.</summary>
public sealed record MatrixRow(string Method, string Route, IReadOnlyDictionary<string, Access> Callers, string Note)
{
    public string Key => $"{Method} {Route}";
}

/// <summary>A route of the running platform as the matrix names it.</summary>
public sealed record PlatformRoute(string Method, string Route, bool IsPage, bool TakesForm, bool AllowsAnonymous, bool RateLimited)
{
    public string Key => $"{Method} {Route}";
}

/// <summary>
/// The authorisation matrix: docs/authorization-matrix.csv is the table of every route and page with
/// who may call it (the public and the five roles of SPEC §0); the tests hold the running platform
/// to it, and docs/security.md shows it.
/// </summary>
public static class AuthorizationMatrix
{
    /// <summary>The callers, in the table's column order: the public (not signed in) and the five roles.</summary>
    public static readonly IReadOnlyList<string> Callers = ["public", "admin", "coordinator", "dept_head", "inspector", "enterprise"];

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "QualityCity.slnx")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("the repository root (QualityCity.slnx) was not found");
        }
    }

    public static string TablePath => Path.Combine(RepositoryRoot, "docs", "authorization-matrix.csv");

    public static IReadOnlyList<MatrixRow> Load()
    {
        var rows = new List<MatrixRow>();
        foreach (var line in File.ReadLines(TablePath).Skip(1).Where(l => l.Length > 0))
        {
            var cells = SplitCsv(line);
            var callers = new Dictionary<string, Access>(StringComparer.Ordinal);
            for (var i = 0; i < Callers.Count; i++)
            {
                callers[Callers[i]] = cells[2 + i] switch
                {
                    "yes" => Access.Yes,
                    "no" => Access.No,
                    "own" => Access.Own,
                    var other => throw new FormatException($"{cells[0]} {cells[1]}: '{other}' is not yes, no or own"),
                };
            }

            rows.Add(new MatrixRow(cells[0], cells[1], callers, cells.Count > 8 ? cells[8] : string.Empty));
        }

        return rows;
    }

    /// <summary>
    /// Every endpoint of the running platform, one entry per method; a page once per handler of its
    /// model (<c>POST /planning?handler=Commit</c>), since each handler is its own action.
    /// </summary>
    public static IReadOnlyList<PlatformRoute> RoutesOf(EndpointDataSource endpoints)
    {
        var handlers = PageHandlers();
        var routes = new List<PlatformRoute>();
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).Trim('/');
            var page = endpoint.Metadata.GetMetadata<PageActionDescriptor>();
            var takesForm = endpoint.Metadata.GetOrderedMetadata<IAcceptsMetadata>().Any(a => a.ContentTypes.Any(c => c.StartsWith("multipart/", StringComparison.Ordinal)));
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var rateLimited = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>() is not null;
            var actions = page is not null
                ? handlers.GetValueOrDefault(page.RelativePath, [("GET", string.Empty)])
                : (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, string.Empty)).ToList();
            foreach (var (method, handler) in actions)
            {
                routes.Add(new PlatformRoute(method, handler.Length == 0 ? route : $"{route}?handler={handler}", page is not null, takesForm, anonymous, rateLimited));
            }
        }

        return routes.DistinctBy(r => r.Key).OrderBy(r => r.Route, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal).ToList();
    }

    /// <summary>The handlers of each page (by its .cshtml path): (method, handler name, empty for the default).</summary>
    private static Dictionary<string, List<(string Method, string Handler)>> PageHandlers()
    {
        var pages = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        foreach (var item in typeof(Program).Assembly.GetCustomAttributes<RazorCompiledItemAttribute>().Where(i => i.Kind == "mvc.1.0.razor-page"))
        {
            var model = item.Type.GetProperty("Model")?.PropertyType;
            var handlers = model?.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Select(m => System.Text.RegularExpressions.Regex.Match(m.Name, "^On(?<method>Get|Post)(?<name>.*?)(Async)?$"))
                .Where(m => m.Success)
                .Select(m => (m.Groups["method"].Value.ToUpperInvariant(), m.Groups["name"].Value))
                .Distinct().ToList() ?? [];
            // A page always answers GET, with or without an OnGet of its own.
            if (!handlers.Contains(("GET", string.Empty)))
            {
                handlers.Add(("GET", string.Empty));
            }

            pages[item.Identifier] = handlers;
        }

        return pages;
    }

    /// <summary>The table as a Markdown table, for docs/security.md.</summary>
    public static string ToMarkdown(IReadOnlyList<MatrixRow> rows)
    {
        static string Mark(Access access) => access switch { Access.Yes => "✓", Access.Own => "own", _ => "–" };
        var text = new System.Text.StringBuilder();
        text.Append("| method | route | public | admin | coordinator | dept_head | inspector | enterprise | note |\n");
        text.Append("|---|---|:-:|:-:|:-:|:-:|:-:|:-:|---|\n");
        foreach (var row in rows)
        {
            text.Append($"| {row.Method} | `{row.Route}` | ")
                .AppendJoin(" | ", Callers.Select(c => Mark(row.Callers[c])))
                .Append($" | {row.Note} |\n");
        }

        return text.ToString();
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        cells.Add(current.ToString());
        return cells;
    }
}
