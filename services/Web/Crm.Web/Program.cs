using Crm.Web;
using CrmPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddWebApp();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapWebApp();
app.Run();
