using BenchmarkDotNet.Running;
using QualityCity.Benchmarks;

// `import` measures the registry import as a whole process next to plain bulk inserts;
// anything else goes to BenchmarkDotNet (in-process micro-benchmarks).
if (args.Length > 0 && args[0] == "import")
{
    return await ImportBenchmark.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(ImportBenchmark).Assembly).Run(args);
return 0;
