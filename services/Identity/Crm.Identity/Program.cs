using Crm.Identity;
using CrmPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIdentityService();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapIdentityService();
app.Run();
