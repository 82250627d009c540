using Crm.Testing;

[assembly: AssemblyFixture(typeof(CrmTestServers))]
