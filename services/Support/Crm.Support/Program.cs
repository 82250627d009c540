using Crm.Support;
using CrmPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSupportService();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapSupportService();
app.Run();
