using Crm.EndToEnd.Tests;

[assembly: AssemblyFixture(typeof(PlatformFixture))]
