using Crm.Feed.Grpc.V1;
using Crm.Feed.LedgerSample;
using Grpc.Net.Client;
using Npgsql;

// dotnet run --project services/Samples/Crm.Feed.LedgerSample -- --Ledger:ClientSecretFile=... --ConnectionStrings:ledger=...
var builder = Host.CreateApplicationBuilder(args);
var options = builder.Configuration.GetSection("Ledger").Get<LedgerOptions>() ?? new LedgerOptions();
builder.Services.AddSingleton(options);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpClient<ClientCredentials>();
builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(builder.Configuration.GetConnectionString("ledger") ?? throw new InvalidOperationException("ConnectionStrings:ledger is not set")));
builder.Services.AddSingleton(_ => new AccountingFeedService.AccountingFeedServiceClient(GrpcChannel.ForAddress(options.Gateway)));
builder.Services.AddSingleton(sp => new LedgerSync(
    sp.GetRequiredService<NpgsqlDataSource>(),
    sp.GetRequiredService<AccountingFeedService.AccountingFeedServiceClient>(),
    sp.GetRequiredService<ClientCredentials>().TokenAsync,
    sp.GetRequiredService<ILogger<LedgerSync>>()));
builder.Services.AddHostedService<LedgerWorker>();
await builder.Build().RunAsync();
