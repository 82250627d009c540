using Crm.Grpc.Server;
using CrmPlatform.ServiceDefaults;

// The gateway owns no data: it authenticates, routes to the owning services and composes the customer view.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGrpcServer();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcStandardServices();
app.Run();
