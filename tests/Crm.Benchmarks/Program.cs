using Crm.Benchmarks;

return await BenchmarkRunner.RunAsync(args);
