using System.Net;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;

namespace Crm.Identity.Endpoints;

/// <summary>The question a sign-out without the application's hint asks: a form that posts the request back.</summary>
internal static class LogoutPage
{
    public static IResult Ask(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var fields = new StringBuilder();
        foreach (var (name, values) in context.Request.Query.Where(q => !string.Equals(q.Key, tokens.FormFieldName, StringComparison.Ordinal)))
        {
            foreach (var value in values)
            {
                fields.Append($"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(name)}\" value=\"{WebUtility.HtmlEncode(value)}\">");
            }
        }

        var html = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Sign out of CrmPlatform</title>
            <style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto}button{display:block;width:100%;margin:.4rem 0}</style>
            </head><body>
            <h1>Sign out of CrmPlatform?</h1>
            <form method="post" action="/connect/logout">
            <input type="hidden" name="{{tokens.FormFieldName}}" value="{{WebUtility.HtmlEncode(tokens.RequestToken)}}">
            {{fields}}
            <button type="submit">Sign out</button>
            </form></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
