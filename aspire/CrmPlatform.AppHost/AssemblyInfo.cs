[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Crm.EndToEnd.Tests")]
