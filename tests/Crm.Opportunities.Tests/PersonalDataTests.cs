using Crm.Grpc.Security;
using Crm.Testing;
using Grpc.Core;
using Shared = Crm.Common.Grpc.V1;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Tests;

/// <summary>People's e-mail and phone and postal addresses, each for the roles that need them, withheld from the others
/// in every answer, and named in the crm-withheld trailer.</summary>
public sealed class PersonalDataTests(CrmTestServers servers) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private OpportunitiesService _service = null!;

    public async ValueTask InitializeAsync() => _service = await OpportunitiesService.StartAsync(servers, nameof(PersonalDataTests));

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Theory]
    [InlineData(CrmRoles.OutsideSales, true, true)]
    [InlineData(CrmRoles.CustomerService, true, true)]
    [InlineData(CrmRoles.TechnicalSupport, true, false)]
    [InlineData(CrmRoles.OrderEntry, false, true)]
    [InlineData(CrmRoles.Accounting, false, true)]
    [InlineData(CrmRoles.Administrator, true, true)]
    public async Task An_account_shows_contact_points_and_its_address_only_to_the_roles_that_need_them(string role, bool seesContactPoints, bool seesAddress)
    {
        var customerId = await AccountWithContactAsync($"Stark Industries {Guid.NewGuid():N}"[..28]);

        var call = _service.Api.GetAccountAsync(new Wire.GetAccountRequest { CustomerId = customerId }, TestCalls.As($"{role}-reader", Deadline, role));
        var account = await call.ResponseAsync;

        var contact = Assert.Single(account.Contacts);
        Assert.Equal("Pepper", contact.FirstName);
        Assert.Equal(seesContactPoints ? ("pepper@stark.example", "+16502530000") : (string.Empty, string.Empty), (contact.Email, contact.Phone));
        Assert.Equal(seesAddress ? "Malibu" : null, account.Address?.City);
        var withheld = call.GetTrailers().GetValue(WithheldTrailer)?.Split(',') ?? [];
        Assert.Equal(
            (seesContactPoints ? Array.Empty<string>() : ["contacts.email", "contacts.phone"]).Concat(seesAddress ? [] : ["address"]).Order(StringComparer.Ordinal),
            withheld.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_caller_who_may_not_see_e_mail_addresses_cannot_find_people_by_them()
    {
        var name = $"Oscorp {Guid.NewGuid():N}"[..20];
        var customerId = await AccountWithContactAsync(name);
        var byEmail = new Wire.SearchAccountsRequest { Query = "pepper@stark.example" };

        var asService = await _service.Api.SearchAccountsAsync(byEmail, TestCalls.As("clara", Deadline, CrmRoles.CustomerService));
        var asAccounting = await _service.Api.SearchAccountsAsync(byEmail, TestCalls.As("anna", Deadline, CrmRoles.Accounting));
        var byName = await _service.Api.SearchAccountsAsync(new Wire.SearchAccountsRequest { Query = name }, TestCalls.As("anna", Deadline, CrmRoles.Accounting));

        Assert.Contains(asService.Accounts, a => a.CustomerId == customerId);
        Assert.DoesNotContain(asAccounting.Accounts, a => a.CustomerId == customerId);
        Assert.Equal(customerId, Assert.Single(byName.Accounts).CustomerId);
    }

    private const string WithheldTrailer = "crm-withheld";

    private async Task<string> AccountWithContactAsync(string name)
    {
        var admin = TestCalls.As("ada", Deadline);
        var account = await _service.Api.CreateAccountAsync(new Wire.CreateAccountRequest
        {
            Name = name, Address = new Shared.PostalAddress { Street = "10880 Malibu Point", City = "Malibu", PostalCode = "90265", Country = "US" },
        }, admin);
        await _service.Api.AddContactAsync(new Wire.AddContactRequest
        {
            CustomerId = account.CustomerId, FirstName = "Pepper", LastName = "Potts", Email = "pepper@stark.example", Phone = "(650) 253-0000",
        }, admin);
        return account.CustomerId;
    }
}
