using Crm.Leads;
using CrmPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddLeadsService();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapLeadsService();
app.Run();
