using BenchmarkDotNet.Running;
using QualityCity.Benchmarks;

// `import` measures the registry import as a whole process next to plain bulk inserts; `province`
// loads a province's registry on partitioned PostgreSQL at a million and at fifteen million, with its
// quality map, sampling open data and the plan of every city in parallel; `search`
// times registry searches on a filled database next to a point lookup; `plan` times the whole
// annual plan of a synthetic city next to the hashing floor and the naive SQL draw; `quality` recomputes
// the quality map of ten million test results next to DuckDB; `standards` times the standards library's
// search on a million records next to SQLite FTS5 and pg_trgm and measures its relevance; `standards-heldout`
// measures that relevance on a real catalogue imported on top of the demo library; anything else
// goes to BenchmarkDotNet (in-process micro-benchmarks).
if (args.Length > 0 && args[0] == "import")
{
    return await ImportBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "search")
{
    return await SearchBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "quality")
{
    return await QualityMapBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "plan")
{
    return await PlanBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "province")
{
    return await ProvinceBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "standards-heldout")
{
    return await StandardsBenchmark.RunHeldOutAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "standards")
{
    return await StandardsBenchmark.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(ImportBenchmark).Assembly).Run(args);
return 0;
