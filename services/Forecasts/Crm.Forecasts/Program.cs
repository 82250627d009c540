using Crm.Forecasts;
using CrmPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddForecastsService();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapForecastsService();
app.Run();
