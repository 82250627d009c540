using System.Globalization;
using Crm.Common.Grpc.V1;
using Crm.Grpc.Security;
using Crm.Leads.Grpc.V1;
using Crm.Testing;
using Google.Protobuf;
using Grpc.Core;
using Npgsql;

namespace Crm.Leads.Tests.Support;

/// <summary>Imports of lead lists as a client makes them: the header, the file in chunks, every answer read.</summary>
internal static class Imports
{
    /// <summary>Who imports, unless a test says otherwise.</summary>
    public const string Marketer = "mia.marketing";

    public static CallOptions AsMarketing(CancellationToken cancellationToken = default) =>
        TestCalls.As(Marketer, TimeSpan.FromMinutes(3), CrmRoles.Marketing).WithCancellationToken(
            cancellationToken == default ? TestContext.Current.CancellationToken : cancellationToken);

    public static ImportHeader Header(string campaignId = "", string fileName = "hanover-fair-visitors.csv", LeadSource source = LeadSource.TradeShow) =>
        new() { Source = source, CampaignId = campaignId, FileName = fileName };

    /// <summary>Opens an import call, as marketing unless <paramref name="options"/> say otherwise.</summary>
    public static AsyncDuplexStreamingCall<ImportLeadsRequest, LeadImport> Open(LeadsHost leads, CallOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(leads);
        return leads.Api.ImportLeads(options ?? AsMarketing());
    }

    /// <summary>
    /// Sends <paramref name="file"/> after <paramref name="header"/> in chunks of <paramref name="chunkBytes"/> and
    /// returns every record the service answered with, the last one last; a refusal throws its RpcException.
    /// </summary>
    public static async Task<IReadOnlyList<LeadImport>> RunAsync(LeadsHost leads, byte[] file, ImportHeader? header = null, CallOptions? options = null, int chunkBytes = 16 * 1024)
    {
        ArgumentNullException.ThrowIfNull(leads);
        ArgumentNullException.ThrowIfNull(file);
        using var call = Open(leads, options);
        var answers = ReadAllAsync(call.ResponseStream);
        try
        {
            await call.RequestStream.WriteAsync(new ImportLeadsRequest { Header = header ?? Header() }, TestContext.Current.CancellationToken);
            for (var offset = 0; offset < file.Length; offset += chunkBytes)
            {
                var chunk = ByteString.CopyFrom(file, offset, Math.Min(chunkBytes, file.Length - offset));
                await call.RequestStream.WriteAsync(new ImportLeadsRequest { Chunk = chunk }, TestContext.Current.CancellationToken);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The service ended the call early (a refusal): its status is what the answers end with.
        }

        return await answers;
    }

    /// <summary>The rows an import rejected, as a client downloads them.</summary>
    public static async Task<IReadOnlyList<ImportRejection>> RejectionsAsync(LeadsHost leads, string importId)
    {
        ArgumentNullException.ThrowIfNull(leads);
        using var call = leads.Api.ListImportRejections(new ListImportRejectionsRequest { ImportId = importId }, AsMarketing());
        return await ReadAllAsync(call.ResponseStream);
    }

    /// <summary>The id of the lead with this e-mail, read from the database; none when no lead has it.</summary>
    public static async Task<Guid?> LeadIdAsync(LeadsHost leads, string email)
    {
        ArgumentNullException.ThrowIfNull(leads);
        await using var connection = new NpgsqlConnection(leads.Resources.DatabaseConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT lead_id FROM leads WHERE email_key = lower($1)", connection) { Parameters = { new() { Value = email } } };
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken) as Guid?;
    }

    /// <summary>How many leads the campaign has, and how many LeadCaptured events name them in the outbox's
    /// LeadsImported messages.</summary>
    public static async Task<(long Leads, long Events)> CampaignLeadsAsync(LeadsHost leads, string campaignId)
    {
        ArgumentNullException.ThrowIfNull(leads);
        var campaign = Guid.Parse(campaignId, CultureInfo.InvariantCulture);
        return (
            await leads.ScalarAsync("SELECT count(*) FROM leads WHERE campaign_id = $1", campaign),
            await leads.ScalarAsync(
                """
                SELECT count(*) FROM outbox_messages o CROSS JOIN LATERAL jsonb_array_elements(o.body::jsonb -> 'leads') c
                JOIN leads l ON l.lead_id = (c ->> 'leadId')::uuid
                WHERE l.campaign_id = $1 AND o.message_type LIKE 'Crm.Contracts.Leads.LeadsImported,%'
                """,
                campaign));
    }

    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(IAsyncStreamReader<T> stream)
    {
        var all = new List<T>();
        while (await stream.MoveNext(TestContext.Current.CancellationToken))
        {
            all.Add(stream.Current);
        }

        return all;
    }
}
