using Crm.Grpc;
using Grpc.Core;
using ContractMoney = Crm.Contracts.Money;
using ContractAddress = Crm.Contracts.PostalAddress;
using WireAddress = Crm.Common.Grpc.V1.PostalAddress;
using WireDate = Crm.Common.Grpc.V1.Date;
using WireMoney = Crm.Common.Grpc.V1.Money;

namespace Crm.Api;

/// <summary>
/// The one way a handler reads a request's fields: it keeps the first problem found, so that a handler validates everything before it
/// touches the database and answers INVALID_ARGUMENT naming that field: <c>var name = check.Text(request.Name, "name");
/// ... if (check.Failure is { } failure) return failure;</c>.
/// </summary>
public sealed class RequestCheck
{
    /// <summary>The first problem, or null when every field read so far is good.</summary>
    public Status? Failure { get; private set; }

    /// <summary>Records <paramref name="status"/> unless it is OK or a problem was found before.</summary>
    public void Add(Status status)
    {
        if (!status.IsOk && Failure is null)
        {
            Failure = status;
        }
    }

    public void Fail(string field, string problem) => Add(Status.InvalidArgument(field, problem));

    /// <summary>Required text, trimmed.</summary>
    public string Text(string? value, string field, int maxLength = TextLimits.Line)
    {
        var text = OptionalText(value, field, maxLength);
        if (text is null)
        {
            Fail(field, "is required");
        }

        return text ?? string.Empty;
    }

    /// <summary>Optional text, trimmed; null when empty.</summary>
    public string? OptionalText(string? value, string field, int maxLength = TextLimits.Line)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > maxLength)
        {
            Fail(field, $"must be at most {maxLength} characters");
        }

        return text;
    }

    /// <summary>An optional e-mail address, trimmed; null when empty. One @ with something on both sides and a dot in the
    /// domain: enough to catch a typo, not a full RFC 5322 check.</summary>
    public string? OptionalEmail(string? value, string field)
    {
        var email = OptionalText(value, field, TextLimits.Email);
        var at = email?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        if (email is not null && !(at > 0 && at == email.LastIndexOf('@') && email.IndexOf('.', at) > at + 1 && !email.EndsWith('.') && !email.Any(char.IsWhiteSpace)))
        {
            Fail(field, $"'{Echo.Shorten(email)}' is not an e-mail address");
        }

        return email;
    }

    /// <summary>
    /// An optional phone number in E.164 (<see cref="Phones"/>), read in <paramref name="country"/> when written without
    /// a country code; null when empty.
    /// </summary>
    public string? OptionalPhone(string? value, string field, string? country)
    {
        var written = OptionalText(value, field, TextLimits.Phone);
        if (written is null || written.Length > TextLimits.Phone)
        {
            return null;
        }

        // A country that is no ISO code (already refused where it was read) cannot say how the number is dialled.
        var region = country is { Length: 2 } && country.All(char.IsAsciiLetterUpper) ? country : null;
        var e164 = Phones.ToE164(written, region);
        if (e164 is null)
        {
            Fail(field, region is null
                ? $"'{Echo.Shorten(written)}' is not a phone number: write it with its country code (+49 30 1234567)"
                : $"'{Echo.Shorten(written)}' is not a phone number in {region} or with a country code (+49 30 1234567)");
        }

        return e164;
    }

    /// <summary>A required id (a UUID; see <see cref="IdConversions"/>).</summary>
    public Guid Id(string? value, string field)
    {
        var (id, status) = IdConversions.Read(value, field);
        Add(status);
        return id;
    }

    /// <summary>An optional id (a UUID); null when empty.</summary>
    public Guid? OptionalId(string? value, string field)
    {
        var (id, status) = IdConversions.ReadOptional(value, field);
        Add(status);
        return id;
    }

    /// <summary>An enum value the API defines; its zero (UNSPECIFIED) value is refused when <paramref name="required"/>.</summary>
    public TEnum Known<TEnum>(TEnum value, string field, bool required)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            Fail(field, $"{Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)} is not a known value");
        }
        else if (required && EqualityComparer<TEnum>.Default.Equals(value, default))
        {
            Fail(field, "is required");
        }

        return value;
    }

    /// <summary>An amount of money; null when it is optional and missing.</summary>
    public ContractMoney? Money(WireMoney? value, string field, bool required)
    {
        var (amount, currency, status) = MoneyConversions.Read(value, field, required);
        Add(status);
        return status.IsOk && value is not null ? new ContractMoney(currency, amount) : null;
    }

    /// <summary>
    /// A postal address, its parts within their limits and the country an ISO 3166-1 alpha-2 code; null when missing or
    /// empty. A <paramref name="complete"/> one (where goods ship) needs street, city, postal code and country.
    /// </summary>
    public ContractAddress? Address(WireAddress? address, string field, bool complete)
    {
        if (address is null)
        {
            return null;
        }

        var street = OptionalText(address.Street, field + ".street", TextLimits.Address);
        var city = OptionalText(address.City, field + ".city");
        var region = OptionalText(address.Region, field + ".region");
        var postalCode = OptionalText(address.PostalCode, field + ".postal_code", TextLimits.PostalCode);
        var country = OptionalText(address.Country, field + ".country", 2);
        if (complete)
        {
            foreach (var (value, name) in new[] { (street, "street"), (city, "city"), (postalCode, "postal_code"), (country, "country") })
            {
                if (value is null)
                {
                    Fail($"{field}.{name}", "is required");
                }
            }
        }

        if (country is not null && (country.Length != 2 || !country.All(char.IsAsciiLetterUpper)))
        {
            Fail(field + ".country", "must be an ISO 3166-1 alpha-2 code such as DE");
        }

        return street is null && city is null && region is null && postalCode is null && country is null
            ? null
            : new ContractAddress(street ?? string.Empty, city ?? string.Empty, region, postalCode ?? string.Empty, country ?? string.Empty);
    }

    /// <summary>An instant; null when it is optional and missing.</summary>
    public DateTimeOffset? Instant(Google.Protobuf.WellKnownTypes.Timestamp? value, string field, bool required)
    {
        var (instant, status) = DateConversions.Read(value, field, required);
        Add(status);
        return instant;
    }

    /// <summary>A calendar date; null when it is optional and missing.</summary>
    public DateOnly? Date(WireDate? value, string field, bool required)
    {
        var (date, status) = DateConversions.Read(value, field, required);
        Add(status);
        return date;
    }
}
