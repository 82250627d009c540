using System.Text;
using Crm.Api.Clients;
using Crm.Leads.Grpc.V1;
using Crm.Web.Features.Gateway;
using Crm.Web.Features.SignIn;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;

namespace Crm.Web.Features.LeadLists;

/// <summary>
/// <c>GET /imports/{importId}/rejected-rows.csv</c>: an import's rejected rows as a CSV file (line, reason, the row as
/// written), fetched from the gateway as the signed-in person and streamed row by row, so that a list with many
/// thousand bad rows downloads with flat memory. A refusal is the gateway's status, with its message.
/// </summary>
public static class RejectedRowsEndpoints
{
    public static WebApplication MapRejectedRows(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/imports/{importId}/rejected-rows.csv", DownloadAsync).RequireAuthorization();
        return app;
    }

    private static async Task DownloadAsync(string importId, HttpContext context, SignedInUser user, GatewayClients gateway)
    {
        user.AccessToken = await context.GetTokenAsync("access_token");
        using var call = gateway.Leads.ListImportRejections(new ListImportRejectionsRequest { ImportId = importId }, cancellationToken: context.RequestAborted);
        var response = context.Response;
        try
        {
            // The first row is read before the headers go, so that a refusal (an unknown import, a role that may not
            // read it) is answered as one rather than as a broken file.
            var any = await call.ResponseStream.MoveNext(context.RequestAborted);
            response.ContentType = "text/csv; charset=utf-8";
            response.Headers.ContentDisposition = $"attachment; filename=\"rejected-rows-{importId}.csv\"";
            await response.WriteAsync("line,reason,row\r\n", Encoding.UTF8, context.RequestAborted);
            while (any)
            {
                var row = call.ResponseStream.Current;
                await response.WriteAsync(CsvText.Line(row.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Reason, row.RawLine), Encoding.UTF8, context.RequestAborted);
                any = await call.ResponseStream.MoveNext(context.RequestAborted);
            }
        }
        catch (RpcException refused) when (!response.HasStarted)
        {
            response.StatusCode = refused.StatusCode switch
            {
                StatusCode.NotFound => StatusCodes.Status404NotFound,
                StatusCode.InvalidArgument => StatusCodes.Status400BadRequest,
                StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
                StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
                _ => StatusCodes.Status503ServiceUnavailable,
            };
            await response.WriteAsync(GatewayProblem.Describe(refused), context.RequestAborted);
        }
    }
}
