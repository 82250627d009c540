using Crm.Gateway;
using CrmPlatform.ServiceDefaults;

// The gateway owns no data: it authenticates, forwards each call to the owning service and composes the customer view.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGateway();
app.Run();
