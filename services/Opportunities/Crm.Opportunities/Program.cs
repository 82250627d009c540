using Crm.Opportunities;
using CrmPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOpportunitiesService();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOpportunitiesService();
app.Run();
