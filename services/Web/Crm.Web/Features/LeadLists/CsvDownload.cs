using System.Text;
using Crm.Web.Features.Gateway;
using Crm.Web.Features.SignIn;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;

namespace Crm.Web.Features.LeadLists;

/// <summary>
/// A list the gateway streams, downloaded as a CSV file: fetched as the signed-in person (the token of their cookie)
/// and written row by row as it arrives, so that a list of many thousand rows downloads with flat memory. A refusal
/// before the first row is answered with the HTTP status that matches the gateway's, with its message.
/// </summary>
internal static class CsvDownload
{
    public static async Task WriteAsync<T>(
        HttpContext context, SignedInUser user, string fileName, string[] header, Func<CancellationToken, AsyncServerStreamingCall<T>> open, Func<T, string[]> fields)
    {
        user.AccessToken = await context.GetTokenAsync("access_token");
        var (response, cancellationToken) = (context.Response, context.RequestAborted);
        using var call = open(cancellationToken);
        try
        {
            // The first row is read before the headers go, so that a refusal (an unknown list, a role that may not
            // read it) is answered as one rather than as a broken file.
            var any = await call.ResponseStream.MoveNext(cancellationToken);
            response.ContentType = "text/csv; charset=utf-8";
            response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            await response.WriteAsync(CsvText.Line(header), Encoding.UTF8, cancellationToken);
            while (any)
            {
                await response.WriteAsync(CsvText.Line(fields(call.ResponseStream.Current)), Encoding.UTF8, cancellationToken);
                any = await call.ResponseStream.MoveNext(cancellationToken);
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
            await response.WriteAsync(GatewayProblem.Describe(refused), cancellationToken);
        }
    }
}
