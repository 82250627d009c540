using Crm.Grpc.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crm.Grpc.Tests.Security;

/// <summary>Where a service may fetch the identity service's keys over plain HTTP: from this machine (the local run),
/// or where configuration says so (a developer's cluster, by the in-cluster name); anywhere else only over HTTPS.</summary>
public sealed class TokenValidationTests
{
    [Fact]
    public void Keys_come_over_plain_HTTP_from_this_machine()
    {
        Assert.False(JwtOptions("http://127.0.0.1:5207", allowPlainHttp: null).RequireHttpsMetadata);
    }

    [Fact]
    public void A_plain_HTTP_authority_elsewhere_is_refused_unless_allowed()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => JwtOptions("http://identity:8081", allowPlainHttp: null));
        Assert.Contains("HTTPS", refused.Message, StringComparison.Ordinal);
        Assert.False(JwtOptions("http://identity:8081", allowPlainHttp: "true").RequireHttpsMetadata);
        Assert.True(JwtOptions("https://identity.crm.example.com", allowPlainHttp: null).RequireHttpsMetadata);
    }

    private static JwtBearerOptions JwtOptions(string authority, string? allowPlainHttp)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Identity:Authority"] = authority;
        builder.Configuration["Identity:AllowPlainHttp"] = allowPlainHttp;
        builder.AddTokenValidation();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
    }
}
