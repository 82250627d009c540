using System.Runtime.CompilerServices;
using Crm.Api.Clients;
using CrmPlatform.LocalServers;
using Grpc.Core;
using Crm.Testing;

namespace Crm.EndToEnd.Tests;

/// <summary>Calls through the gateway as a named person, and waits for what events make true.</summary>
internal sealed class Journey(PlatformFixture platform)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // Generous: two cores run this platform beside other test projects; a broken call fails by its status, not by time.
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(30);

    /// <summary>Calls through the gateway. A call that times out or fails unexpectedly writes to the test's output how
    /// long it took and what every service printed meanwhile, so that a failure on a loaded machine can be explained.</summary>
    public async Task<TResponse> CallAsync<TResponse>(
        Func<GatewayClients, CallOptions, AsyncUnaryCall<TResponse>> call, string user = PlatformFixture.Administrator, [CallerArgumentExpression(nameof(call))] string what = "")
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return await SendAsync(call, user);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{what} ended with {ex.StatusCode} after {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s; the services' last lines:{Environment.NewLine}{platform.RecentLog}");
            throw;
        }
    }

    /// <summary>The status a call ends with (OK when it succeeds).</summary>
    public async Task<Status> StatusOfAsync<TResponse>(Func<GatewayClients, CallOptions, AsyncUnaryCall<TResponse>> call, string user = PlatformFixture.Administrator)
    {
        try
        {
            await SendAsync(call, user);
            return Status.DefaultSuccess;
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }

    private async Task<TResponse> SendAsync<TResponse>(Func<GatewayClients, CallOptions, AsyncUnaryCall<TResponse>> call, string user) =>
        await call(platform.Gateway, TestCalls.WithToken(await platform.TokenOfAsync(user), CallDeadline));

    /// <summary>Asks again until <paramref name="done"/> holds (events travel between services), then returns it;
    /// within 30 s, or <paramref name="patience"/> for a flood of events.</summary>
    public async Task<T> EventuallyAsync<T>(string what, Func<Task<T>> probe, Func<T, bool> done, TimeSpan? patience = null)
    {
        T last = default!;
        Exception? error = null;
        var reached = await Poll.UntilAsync(
            async _ =>
            {
                try
                {
                    last = await probe();
                    error = null;
                    return done(last);
                }
                catch (RpcException ex)
                {
                    error = ex;
                    return false;
                }
            },
            patience ?? Patience,
            TestContext.Current.CancellationToken);
        Assert.True(reached, $"never true within {patience ?? Patience}: {what}; last answer {last}{(error is null ? string.Empty : $", last error {error.Message}")}{Environment.NewLine}{platform.RecentLog}");
        return last;
    }

    /// <summary>A referral lead for <paramref name="company"/> with its contact, captured by Marketing, qualified with
    /// <paramref name="budget"/> and converted by Inside Sales into a deal named <paramref name="deal"/> for otto: the
    /// deal, once the opportunities service has opened it for the new customer.</summary>
    public async Task<Crm.Opportunities.Grpc.V1.Opportunity> AnOpenDealAsync(string company, (string First, string Last) contact, decimal budget, string deal)
    {
        var lead = (await CallAsync((api, o) => api.Leads.CaptureLeadAsync(new Crm.Leads.Grpc.V1.CaptureLeadRequest
        {
            Source = Crm.Common.Grpc.V1.LeadSource.Referral,
            Company = new Crm.Leads.Grpc.V1.Company { Name = company },
            Contact = new Crm.Leads.Grpc.V1.Person
            {
                FirstName = contact.First, LastName = contact.Last, Email = $"{contact.First.ToLowerInvariant()}@{Guid.NewGuid():N}.example",
                BuyingRole = Crm.Common.Grpc.V1.BuyingRole.EconomicBuyer,
            },
        }, o), "maria")).Lead;
        await CallAsync((api, o) => api.Leads.QualifyLeadAsync(new Crm.Leads.Grpc.V1.QualifyLeadRequest
        {
            LeadId = lead.LeadId,
            Qualification = new Crm.Leads.Grpc.V1.Qualification
            {
                Budget = Crm.Api.MoneyConversions.ToMoney(budget, "EUR"), HasAuthority = true, Need = deal,
                DecisionBy = Crm.Api.DateConversions.ToDate(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30)), Urgency = Crm.Leads.Grpc.V1.Urgency.Medium,
            },
        }, o), "irene");
        var converted = await CallAsync((api, o) => api.Leads.ConvertLeadAsync(new Crm.Leads.Grpc.V1.ConvertLeadRequest { LeadId = lead.LeadId, OpportunityOwnerId = "otto", OpportunityName = deal }, o), "irene");
        return await EventuallyAsync(
            "the deal is open",
            () => CallAsync((api, o) => api.Opportunities.GetOpportunityAsync(new Crm.Opportunities.Grpc.V1.GetOpportunityRequest { OpportunityId = converted.OpportunityId }, o)),
            o => o.CustomerId.Length > 0);
    }
}
