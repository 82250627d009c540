using Crm.Orders;
using CrmPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOrdersService();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOrdersService();
app.Run();
