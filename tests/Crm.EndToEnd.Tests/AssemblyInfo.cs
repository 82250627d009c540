using Crm.EndToEnd.Tests;

[assembly: AssemblyFixture(typeof(PlatformFixture))]

// One platform serves every test here, and the journey takes a service down for a moment: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
