using Crm.Api;
using Crm.Contracts;
using Crm.Contracts.Leads;
using Crm.Domain;
using Crm.Grpc;
using Crm.Messaging.Commands;
using Crm.Opportunities.Domain;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shared = Crm.Common.Grpc.V1;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Features;

/// <summary>Accounts and contacts entered and edited by hand: the customer master beyond what lead conversion fills in.</summary>
internal sealed partial class OpportunitiesApi
{
    public override Task<Wire.Account> CreateAccount(Wire.CreateAccountRequest request, ServerCallContext context) => CreateAccountAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.Account>> CreateAccountAsync(Wire.CreateAccountRequest request, ServerCallContext context)
    {
        var check = new RequestCheck();
        var name = AccountName(request.Name, check);
        var industry = check.OptionalText(request.Industry, "industry");
        var website = check.OptionalText(request.Website, "website", TextLimits.Address);
        var address = check.Address(request.Address, "address", complete: false);
        var owner = check.OptionalText(request.OwnerId, "owner_id") ?? Caller.Of(context);
        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        if (await NamesakeAsync(name, null, context.CancellationToken) is { } namesake)
        {
            return namesake;
        }

        var account = Account.Create(new CompanyDetails(name, industry, website, null, address), owner, Now);
        db.Accounts.Add(account);
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another account of that name was created between our look-up and our insert: it stands.
            db.ChangeTracker.Clear();
            return await NamesakeAsync(name, null, context.CancellationToken) ?? throw new InvalidOperationException("an account name collided, yet no account has it", ex);
        }

        return account.ToWire();
    }

    public override Task<Wire.Account> UpdateAccount(Wire.UpdateAccountRequest request, ServerCallContext context) => UpdateAccountAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.Account>> UpdateAccountAsync(Wire.UpdateAccountRequest request, ServerCallContext context)
    {
        var check = new RequestCheck();
        var customerId = check.Id(request.CustomerId, "customer_id");
        var name = request.HasName ? AccountName(request.Name, check) : null;
        var industry = request.HasIndustry ? check.OptionalText(request.Industry, "industry") ?? string.Empty : null;
        var website = request.HasWebsite ? check.OptionalText(request.Website, "website", TextLimits.Address) ?? string.Empty : null;
        var address = request.Address is null ? null : check.Address(request.Address, "address", complete: false) ?? new PostalAddress(string.Empty, string.Empty, null, string.Empty, string.Empty);
        var owner = request.HasOwnerId ? check.OptionalText(request.OwnerId, "owner_id") ?? string.Empty : null;
        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        if (name is not null && await NamesakeAsync(name, customerId, context.CancellationToken) is { } namesake)
        {
            return namesake;
        }

        var profile = new AccountProfile(name, industry, website, address, owner);
        var now = Now;
        var changed = await ChangeAccountAsync(customerId, request.ExpectedVersion, account => account.Update(profile, now), context.CancellationToken);
        return changed.ToResponse(account => account.ToWire());
    }

    public override Task<Wire.Contact> AddContact(Wire.AddContactRequest request, ServerCallContext context) => AddContactAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.Contact>> AddContactAsync(Wire.AddContactRequest request, ServerCallContext context)
    {
        var check = new RequestCheck();
        var customerId = check.Id(request.CustomerId, "customer_id");
        var firstName = check.OptionalText(request.FirstName, "first_name") ?? string.Empty;
        var lastName = check.Text(request.LastName, "last_name");
        var title = check.OptionalText(request.Title, "title");
        var email = check.OptionalEmail(request.Email, "email");
        var phone = check.OptionalText(request.Phone, "phone", TextLimits.Phone);
        var role = check.Known(request.BuyingRole, "buying_role", required: false);
        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        var now = Now;
        Contact? added = null;
        var changed = await ChangeAccountAsync(
            customerId,
            request.ExpectedVersion,
            account =>
            {
                var e164 = PhoneOf(phone, account);
                if (e164.Error is { } wrongPhone)
                {
                    return wrongPhone;
                }

                var person = new ContactDetails(firstName, lastName, title, email, e164.Value, CommonEnums.ToContract(role));
                added = account.AddContact(person, now);
                if (added is null)
                {
                    return DomainError.Duplicate("email", $"customer {customerId} has a contact with this e-mail already");
                }

                db.Contacts.Add(added);
                return Result.Done;
            },
            context.CancellationToken);
        return changed.ToResponse(_ => added!.ToWire());
    }

    public override Task<Wire.Contact> UpdateContact(Wire.UpdateContactRequest request, ServerCallContext context) => UpdateContactAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.Contact>> UpdateContactAsync(Wire.UpdateContactRequest request, ServerCallContext context)
    {
        var check = new RequestCheck();
        var customerId = check.Id(request.CustomerId, "customer_id");
        var contactId = check.Id(request.ContactId, "contact_id");
        var firstName = request.HasFirstName ? check.OptionalText(request.FirstName, "first_name") ?? string.Empty : null;
        var lastName = request.HasLastName ? check.Text(request.LastName, "last_name") : null;
        var title = request.HasTitle ? check.OptionalText(request.Title, "title") ?? string.Empty : null;
        var email = request.HasEmail ? check.OptionalEmail(request.Email, "email") ?? string.Empty : null;
        var phone = request.HasPhone ? check.OptionalText(request.Phone, "phone", TextLimits.Phone) ?? string.Empty : null;
        var role = check.Known(request.BuyingRole, "buying_role", required: false);
        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        var now = Now;
        Contact? updated = null;
        var changed = await ChangeAccountAsync(
            customerId,
            request.ExpectedVersion,
            account =>
            {
                var e164 = PhoneOf(phone, account);
                if (e164.Error is { } wrongPhone)
                {
                    return wrongPhone;
                }

                var buyingRole = role == Shared.BuyingRole.Unspecified ? (BuyingRole?)null : CommonEnums.ToContract(role);
                var result = account.UpdateContact(contactId, new ContactChange(firstName, lastName, title, email, e164.Value, buyingRole), now);
                updated = result.Value;
                return result;
            },
            context.CancellationToken);
        return changed.ToResponse(_ => updated!.ToWire());
    }

    public override Task<Wire.Contact> RecordContactConsent(Wire.RecordContactConsentRequest request, ServerCallContext context) => RecordContactConsentAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.Contact>> RecordContactConsentAsync(Wire.RecordContactConsentRequest request, ServerCallContext context)
    {
        var check = new RequestCheck();
        var customerId = check.Id(request.CustomerId, "customer_id");
        var contactId = check.Id(request.ContactId, "contact_id");
        var (channel, source) = ConsentConversions.Read(request.Channel, request.Granted, request.Source, check);
        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        var consent = new ChannelConsent(channel, request.Granted, source, Caller.Of(context), Now);
        Contact? recorded = null;
        var changed = await ChangeAccountAsync(
            customerId,
            request.ExpectedVersion,
            account =>
            {
                var result = account.RecordContactConsent(contactId, consent);
                recorded = result.Value;
                return result;
            },
            context.CancellationToken);
        return changed.ToResponse(_ => recorded!.ToWire());
    }

    /// <summary>Changes an account (with its contacts) through <see cref="CommandPath"/>.</summary>
    private Task<Result<Account>> ChangeAccountAsync(Guid customerId, long expectedVersion, Func<Account, Result> apply, CancellationToken cancellationToken) =>
        db.ChangeAsync(
            token => db.Accounts.Include(a => a.Contacts).FirstOrDefaultAsync(a => a.CustomerId == customerId, token),
            new CommandTarget("customer_id", $"customer {customerId}"),
            expectedVersion,
            apply,
            cancellationToken);

    /// <summary>A required account name that matching can recognise again (not only punctuation).</summary>
    private static string AccountName(string? value, RequestCheck check)
    {
        var name = check.Text(value, "name");
        if (name.Length > 0 && CustomerMatching.NormalizeName(name).Length == 0)
        {
            check.Fail("name", "must hold a letter or a digit");
        }

        return name;
    }

    /// <summary>ALREADY_EXISTS naming the account that has this name already (legal forms and case aside), other than <paramref name="self"/>.</summary>
    private async Task<Status?> NamesakeAsync(string name, Guid? self, CancellationToken cancellationToken)
    {
        var normalized = CustomerMatching.NormalizeName(name);
        var namesake = await db.Accounts.AsNoTracking()
            .Where(a => a.NormalizedName == normalized && a.CustomerId != self)
            .Select(a => (Guid?)a.CustomerId)
            .FirstOrDefaultAsync(cancellationToken);
        return namesake is { } existing ? Status.AlreadyExists($"name: an account of that name exists: customer {existing}") : null;
    }

    /// <summary>The phone in E.164, read in the account's country when written without a country code; null for none.</summary>
    private static Result<string?> PhoneOf(string? phone, Account account)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return new Result<string?>(phone, null);
        }

        return Phones.ToE164(phone, account.Country) is { } e164
            ? new Result<string?>(e164, null)
            : DomainError.Invalid("phone", $"'{Echo.Shorten(phone)}' is not a phone number{(account.Country is null ? string.Empty : " in " + account.Country)} or with a country code (+49 30 1234567)");
    }
}
