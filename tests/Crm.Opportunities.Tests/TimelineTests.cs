using Crm.Api;
using Crm.Contracts;
using Crm.Contracts.Opportunities;
using Grpc.Core;
using Crm.Testing;
using Google.Protobuf.WellKnownTypes;
using Shared = Crm.Common.Grpc.V1;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Tests;

public sealed class TimelineTests(CrmTestServers servers) : IAsyncLifetime
{
    private OpportunitiesService _service = null!;

    public async ValueTask InitializeAsync() => _service = await OpportunitiesService.StartAsync(servers, nameof(TimelineTests));

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task Activities_by_every_department_land_on_the_customer_sales_newest_first()
    {
        var (customer, opportunity) = await CustomerAsync("Acme Rockets", "wile@acme.example");
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1);

        var call = await _service.CallAsync((api, o) => api.LogActivityAsync(new Wire.LogActivityRequest
        {
            CustomerId = customer, OpportunityId = opportunity, Kind = Wire.ActivityKind.Call, Subject = "Budget confirmed",
            Department = Shared.Department.InsideSales, OccurredAt = Timestamp.FromDateTimeOffset(yesterday), Outcome = Shared.ActivityOutcome.Connected,
        }, o), user: "inside-ian");
        var letter = await _service.CallAsync((api, o) => api.LogActivityAsync(new Wire.LogActivityRequest
        {
            CustomerId = customer, Kind = Wire.ActivityKind.Letter, Subject = "Proposal by post", Department = Shared.Department.OutsideSales,
        }, o), user: "rep-ada");

        var sales = await _service.CallAsync((api, o) => api.GetCustomerSalesAsync(new Wire.GetCustomerSalesRequest { CustomerId = customer }, o));
        Assert.Equal([letter.ActivityId, call.ActivityId], sales.Activities.Select(a => a.ActivityId), StringComparer.Ordinal);
        Assert.Equal(("inside-ian", Shared.Department.InsideSales, Shared.ActivityOutcome.Connected), (sales.Activities[1].LoggedBy, sales.Activities[1].Department, sales.Activities[1].Outcome));
        Assert.Equal(("rep-ada", Shared.Department.OutsideSales, Wire.ActivityKind.Letter), (sales.Activities[0].LoggedBy, sales.Activities[0].Department, sales.Activities[0].Kind));
        Assert.Equal(opportunity, Assert.Single(sales.Opportunities).OpportunityId);
        Assert.Equal("Acme Rockets", sales.Account.Name);

        var logged = Assert.Single(await _service.EventsAsync<ActivityLogged>(Guid.Parse(letter.ActivityId)));
        Assert.Equal((ActivityKind.Letter, Guid.Parse(customer), "rep-ada", 1L, Department.OutsideSales, (ActivityOutcome?)null), (logged.Kind, logged.CustomerId, logged.LoggedBy, logged.Version, logged.Department, logged.Outcome));
        var called = Assert.Single(await _service.EventsAsync<ActivityLogged>(Guid.Parse(call.ActivityId)));
        Assert.Equal((Department.InsideSales, ActivityOutcome.Connected), (called.Department, called.Outcome));
        var limited = await _service.CallAsync((api, o) => api.GetCustomerSalesAsync(new Wire.GetCustomerSalesRequest { CustomerId = customer, ActivityLimit = 1 }, o));
        Assert.Equal(letter.ActivityId, Assert.Single(limited.Activities).ActivityId);
    }

    [Fact]
    public async Task An_activity_needs_an_existing_customer_a_kind_and_a_department()
    {
        var (customer, _) = await CustomerAsync("Duff Beer", "homer@duff.example");
        var (other, otherOpportunity) = await CustomerAsync("Krusty Burger", "krusty@krusty.example");
        var outbox = await _service.OutboxCountAsync();
        var valid = new Wire.LogActivityRequest { CustomerId = customer, Kind = Wire.ActivityKind.Call, Department = Shared.Department.CustomerService, Subject = "s" };

        DealTests.AssertNamesField(await _service.StatusOfAsync((api, o) => api.LogActivityAsync(new Wire.LogActivityRequest(valid) { Kind = Wire.ActivityKind.Unspecified }, o)), "kind");
        DealTests.AssertNamesField(await _service.StatusOfAsync((api, o) => api.LogActivityAsync(new Wire.LogActivityRequest(valid) { Department = Shared.Department.Unspecified }, o)), "department");
        DealTests.AssertNamesField(await _service.StatusOfAsync((api, o) => api.LogActivityAsync(new Wire.LogActivityRequest(valid) { CustomerId = "" }, o)), "customer_id");
        // Regression: notes of megabytes were accepted; every text has its limit (Crm.Api.TextLimits).
        DealTests.AssertNamesField(await _service.StatusOfAsync((api, o) => api.LogActivityAsync(new Wire.LogActivityRequest(valid) { Notes = new string('n', 1 << 20) }, o)), "notes");
        DealTests.AssertNamesField(await _service.StatusOfAsync((api, o) => api.LogActivityAsync(new Wire.LogActivityRequest(valid) { Subject = new string('s', 201) }, o)), "subject");
        Assert.Equal(StatusCode.NotFound, (await _service.StatusOfAsync((api, o) => api.LogActivityAsync(new Wire.LogActivityRequest(valid) { CustomerId = Guid.NewGuid().ToString() }, o))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await _service.StatusOfAsync((api, o) => api.LogActivityAsync(new Wire.LogActivityRequest(valid) { OpportunityId = otherOpportunity }, o))).StatusCode);

        Assert.Equal(outbox, await _service.OutboxCountAsync());
        Assert.Empty((await _service.CallAsync((api, o) => api.GetCustomerSalesAsync(new Wire.GetCustomerSalesRequest { CustomerId = customer }, o))).Activities);
        Assert.NotEqual(customer, other, StringComparer.Ordinal);
    }

    [Fact]
    public async Task A_scheduled_meeting_is_upcoming_and_postponing_moves_it_later()
    {
        var (customer, opportunity) = await CustomerAsync("Gringotts", "griphook@gringotts.example");
        var contact = (await _service.CallAsync((api, o) => api.GetAccountAsync(new Wire.GetAccountRequest { CustomerId = customer }, o))).Contacts[0].ContactId;
        var starts = DateTimeOffset.UtcNow.AddDays(2);
        var request = new Wire.ScheduleMeetingRequest
        {
            CustomerId = customer, OpportunityId = opportunity, Subject = "Demo",
            StartsAt = Timestamp.FromDateTimeOffset(starts), EndsAt = Timestamp.FromDateTimeOffset(starts.AddHours(1)),
        };
        request.AttendeeContactIds.Add(contact);

        var meeting = await _service.CallAsync((api, o) => api.ScheduleMeetingAsync(request, o), user: "rep-ada");
        var postponed = await _service.CallAsync((api, o) => api.PostponeMeetingAsync(new Wire.PostponeMeetingRequest
        {
            MeetingId = meeting.MeetingId, NewStartsAt = Timestamp.FromDateTimeOffset(starts.AddDays(3)), Reason = "open priority-1 problem",
        }, o));

        Assert.True(postponed.Postponed);
        Assert.Equal(starts.AddDays(3).AddHours(1), postponed.EndsAt.ToDateTimeOffset());
        var upcoming = Assert.Single((await _service.CallAsync((api, o) => api.GetCustomerSalesAsync(new Wire.GetCustomerSalesRequest { CustomerId = customer }, o))).UpcomingMeetings);
        Assert.Equal((meeting.MeetingId, "rep-ada", contact), (upcoming.MeetingId, upcoming.OrganizerId, upcoming.AttendeeContactIds[0]));
        var id = Guid.Parse(meeting.MeetingId);
        var scheduled = Assert.Single(await _service.EventsAsync<MeetingScheduled>(id));
        Assert.Equal((1L, Guid.Parse(opportunity), "Demo"), (scheduled.Version, scheduled.OpportunityId, scheduled.Subject));
        var moved = Assert.Single(await _service.EventsAsync<MeetingPostponed>(id));
        Assert.Equal((2L, starts.AddDays(3), "open priority-1 problem"), (moved.Version, moved.StartsAt, moved.Reason));
        Assert.Equal(starts, moved.PreviousStartsAt, TimeSpan.FromMilliseconds(1));

        var earlier = new Wire.PostponeMeetingRequest { MeetingId = meeting.MeetingId, NewStartsAt = Timestamp.FromDateTimeOffset(starts.AddDays(1)) };
        DealTests.AssertNamesField(await _service.StatusOfAsync((api, o) => api.PostponeMeetingAsync(earlier, o)), "new_starts_at");
        Assert.Equal(StatusCode.NotFound, (await _service.StatusOfAsync((api, o) => api.PostponeMeetingAsync(new Wire.PostponeMeetingRequest(earlier) { MeetingId = Guid.NewGuid().ToString() }, o))).StatusCode);
    }

    [Theory]
    [InlineData("starts_at")]
    [InlineData("ends_at")]
    [InlineData("subject")]
    [InlineData("attendee_contact_ids[0]")]
    public async Task A_meeting_starts_in_the_future_and_ends_after_it_starts(string field)
    {
        var (customer, _) = await CustomerAsync("Monsters Inc " + field.Replace('_', ' '), null);
        var starts = DateTimeOffset.UtcNow.AddHours(3);
        var request = new Wire.ScheduleMeetingRequest
        {
            CustomerId = customer, Subject = "Kick-off",
            StartsAt = Timestamp.FromDateTimeOffset(starts), EndsAt = Timestamp.FromDateTimeOffset(starts.AddHours(1)),
        };
        switch (field)
        {
            case "starts_at": request.StartsAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-1)); break;
            case "ends_at": request.EndsAt = request.StartsAt; break;
            case "subject": request.Subject = ""; break;
            default: request.AttendeeContactIds.Add(Guid.NewGuid().ToString()); break;
        }

        var outbox = await _service.OutboxCountAsync();
        DealTests.AssertNamesField(await _service.StatusOfAsync((api, o) => api.ScheduleMeetingAsync(request, o)), field);
        Assert.Equal(outbox, await _service.OutboxCountAsync());
    }

    [Fact]
    public async Task Customer_sales_of_an_unknown_customer_is_not_found()
    {
        Assert.Equal(StatusCode.NotFound, (await _service.StatusOfAsync((api, o) => api.GetCustomerSalesAsync(new Wire.GetCustomerSalesRequest { CustomerId = Guid.NewGuid().ToString() }, o))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await _service.StatusOfAsync((api, o) => api.GetAccountAsync(new Wire.GetAccountRequest { CustomerId = Guid.NewGuid().ToString() }, o))).StatusCode);
        DealTests.AssertNamesField(await _service.StatusOfAsync((api, o) => api.GetCustomerSalesAsync(new Wire.GetCustomerSalesRequest { CustomerId = "nope" }, o)), "customer_id");
    }

    [Fact]
    public async Task Accounts_are_found_by_part_of_the_name_a_contact_name_e_mail_or_a_phone_number_with_or_without_country_code()
    {
        var (customer, _) = await CustomerAsync("Pied Piper", "richard@piedpiper.example");

        var byName = await _service.CallAsync((api, o) => api.SearchAccountsAsync(new Wire.SearchAccountsRequest { Query = "ed pip" }, o));
        var byEmail = await _service.CallAsync((api, o) => api.SearchAccountsAsync(new Wire.SearchAccountsRequest { Query = "RICHARD@piedpiper.example" }, o));
        var byPhone = await _service.CallAsync((api, o) => api.SearchAccountsAsync(new Wire.SearchAccountsRequest { Query = "+49 30 1234567" }, o));
        var byLocalPhone = await _service.CallAsync((api, o) => api.SearchAccountsAsync(new Wire.SearchAccountsRequest { Query = "030 / 123 45 67" }, o));
        var byContactName = await _service.CallAsync((api, o) => api.SearchAccountsAsync(new Wire.SearchAccountsRequest { Query = "ada LOVEL" }, o));
        var byTooFewDigits = await _service.CallAsync((api, o) => api.SearchAccountsAsync(new Wire.SearchAccountsRequest { Query = "4567" }, o));

        Assert.Equal(customer, Assert.Single(byName.Accounts).CustomerId);
        Assert.Equal(customer, Assert.Single(byEmail.Accounts).CustomerId);
        Assert.Contains(customer, byPhone.Accounts.Select(a => a.CustomerId), StringComparer.Ordinal);
        Assert.Contains(customer, byLocalPhone.Accounts.Select(a => a.CustomerId), StringComparer.Ordinal);
        Assert.Contains(customer, byContactName.Accounts.Select(a => a.CustomerId), StringComparer.Ordinal);
        Assert.Empty(byTooFewDigits.Accounts);
        Assert.Empty((await _service.CallAsync((api, o) => api.SearchAccountsAsync(new Wire.SearchAccountsRequest { Query = "zz%" }, o))).Accounts);
        DealTests.AssertNamesField(await _service.StatusOfAsync((api, o) => api.SearchAccountsAsync(new Wire.SearchAccountsRequest { Query = " p " }, o)), "query");
    }

    private async Task<(string Customer, string Opportunity)> CustomerAsync(string company, string? email)
    {
        var conversion = Conversions.Of(company, email);
        await _service.ConvertAsync(conversion);
        var opportunity = await _service.CallAsync((api, o) => api.GetOpportunityAsync(new Wire.GetOpportunityRequest { OpportunityId = conversion.OpportunityId.ToString() }, o));
        return (opportunity.CustomerId, opportunity.OpportunityId);
    }
}
