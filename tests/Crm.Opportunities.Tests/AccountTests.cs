using Crm.Contracts.Opportunities;
using Grpc.Core;
using Crm.Testing;
using Shared = Crm.Common.Grpc.V1;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Tests;

/// <summary>Regression: accounts and contacts could only come from lead conversion; now they are entered and edited by hand.</summary>
public sealed class AccountTests(CrmTestServers servers) : IAsyncLifetime
{
    private OpportunitiesService _service = null!;

    public async ValueTask InitializeAsync() => _service = await OpportunitiesService.StartAsync(servers, nameof(AccountTests));

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task An_account_is_created_and_edited_by_hand_and_its_contacts_added_and_changed()
    {
        var name = $"Wayne Enterprises {Guid.NewGuid():N}"[..30];
        var created = await _service.CallAsync((api, o) => api.CreateAccountAsync(new Wire.CreateAccountRequest
        {
            Name = name, Industry = "Conglomerate", Address = new Shared.PostalAddress { Street = "1007 Mountain Drive", City = "Gotham", PostalCode = "10001", Country = "US" },
        }, o));
        var customerId = created.CustomerId;

        var namesake = await _service.StatusOfAsync((api, o) => api.CreateAccountAsync(new Wire.CreateAccountRequest { Name = name.ToUpperInvariant() + " Inc." }, o));
        var contact = await _service.CallAsync((api, o) => api.AddContactAsync(new Wire.AddContactRequest
        {
            CustomerId = customerId, FirstName = "Lucius", LastName = "Fox", Email = "lucius@wayne.example", Phone = "(650) 253-0000", BuyingRole = Shared.BuyingRole.TechnicalEvaluator,
        }, o));
        var sameEmail = await _service.StatusOfAsync((api, o) => api.AddContactAsync(new Wire.AddContactRequest { CustomerId = customerId, LastName = "Fox", Email = "LUCIUS@wayne.example" }, o));
        var badPhone = await _service.StatusOfAsync((api, o) => api.AddContactAsync(new Wire.AddContactRequest { CustomerId = customerId, LastName = "Pennyworth", Phone = "12" }, o));
        var changed = await _service.CallAsync((api, o) => api.UpdateContactAsync(new Wire.UpdateContactRequest { CustomerId = customerId, ContactId = contact.ContactId, Title = "CEO", Phone = "" }, o));
        var unknownContact = await _service.StatusOfAsync((api, o) => api.UpdateContactAsync(new Wire.UpdateContactRequest { CustomerId = customerId, ContactId = Guid.NewGuid().ToString(), Title = "CFO" }, o));
        var renamed = await _service.CallAsync((api, o) => api.UpdateAccountAsync(new Wire.UpdateAccountRequest { CustomerId = customerId, Name = name + " Holdings", Website = "", ExpectedVersion = 3 }, o));
        var stale = await _service.StatusOfAsync((api, o) => api.UpdateAccountAsync(new Wire.UpdateAccountRequest { CustomerId = customerId, Industry = "Defence", ExpectedVersion = 1 }, o));

        Assert.Equal(("rep-ada", 1L, "US"), (created.OwnerId, created.Version, created.Address.Country));
        Assert.Equal(StatusCode.AlreadyExists, namesake.StatusCode);
        Assert.Contains(customerId, namesake.Detail, StringComparison.Ordinal);
        Assert.Equal("+16502530000", contact.Phone);
        Assert.Equal((StatusCode.AlreadyExists, StatusCode.InvalidArgument, StatusCode.NotFound), (sameEmail.StatusCode, badPhone.StatusCode, unknownContact.StatusCode));
        Assert.StartsWith("phone:", badPhone.Detail, StringComparison.Ordinal);
        Assert.StartsWith("contact_id:", unknownContact.Detail, StringComparison.Ordinal);
        Assert.Equal(("Lucius", "Fox", "CEO", string.Empty, Shared.BuyingRole.TechnicalEvaluator), (changed.FirstName, changed.LastName, changed.Title, changed.Phone, changed.BuyingRole));
        Assert.Equal((name + " Holdings", "Conglomerate", string.Empty, 4L, 1), (renamed.Name, renamed.Industry, renamed.Website, renamed.Version, renamed.ContactCount));
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);

        var id = Guid.Parse(customerId);
        Assert.Single(await _service.EventsAsync<AccountCreated>(id));
        Assert.Equal(2L, Assert.Single(await _service.EventsAsync<ContactAdded>(id)).Version);
        Assert.Equal(("CEO", (string?)null), (Assert.Single(await _service.EventsAsync<ContactUpdated>(id)).Title, (await _service.EventsAsync<ContactUpdated>(id))[0].Phone));
        Assert.Equal(name + " Holdings", Assert.Single(await _service.EventsAsync<AccountUpdated>(id)).Name);
    }

    [Fact]
    public async Task Bad_account_and_contact_input_names_the_field()
    {
        DealTests.AssertNamesField(await _service.StatusOfAsync((api, o) => api.CreateAccountAsync(new Wire.CreateAccountRequest { Name = " " }, o)), "name");
        DealTests.AssertNamesField(await _service.StatusOfAsync((api, o) => api.CreateAccountAsync(new Wire.CreateAccountRequest { Name = "--" }, o)), "name");
        DealTests.AssertNamesField(await _service.StatusOfAsync((api, o) => api.CreateAccountAsync(new Wire.CreateAccountRequest { Name = "Acme", Address = new Shared.PostalAddress { Country = "USA" } }, o)), "address.country");
        DealTests.AssertNamesField(await _service.StatusOfAsync((api, o) => api.UpdateAccountAsync(new Wire.UpdateAccountRequest { CustomerId = "acme" }, o)), "customer_id");
        DealTests.AssertNamesField(await _service.StatusOfAsync((api, o) => api.AddContactAsync(new Wire.AddContactRequest { CustomerId = Guid.NewGuid().ToString(), LastName = "Fox", Email = "fox-at-wayne" }, o)), "email");
        DealTests.AssertNamesField(await _service.StatusOfAsync((api, o) => api.UpdateContactAsync(new Wire.UpdateContactRequest { CustomerId = Guid.NewGuid().ToString(), ContactId = Guid.NewGuid().ToString(), LastName = "" }, o)), "last_name");
        Assert.Equal(StatusCode.NotFound, (await _service.StatusOfAsync((api, o) => api.AddContactAsync(new Wire.AddContactRequest { CustomerId = Guid.NewGuid().ToString(), LastName = "Fox" }, o))).StatusCode);
    }
}
