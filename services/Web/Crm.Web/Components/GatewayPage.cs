using System.Globalization;
using System.Security.Claims;
using Crm.Api.Clients;
using Crm.Common.Grpc.V1;
using Crm.Grpc.Security;
using Crm.Web.Features.Gateway;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Grpc.Core;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Crm.Web.Components;

/// <summary>
/// What every page that works with the platform shares: the gateway's clients with the person's token, who the person
/// is and what their roles may do, and one way to call: while a call runs the page shows progress, and a refusal
/// becomes a message the person can act on (<see cref="GatewayProblem"/>), never an exception.
/// </summary>
public abstract class GatewayPage : ComponentBase
{
    /// <summary>How dates are written on every page (ISO: the same for every reader).</summary>
    protected static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private ClaimsPrincipal _person = new();

    [Inject]
    protected GatewayClients Gateway { get; set; } = null!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = null!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The last call's refusal, in words for the person (or what the page itself cannot do); null after a call
    /// that succeeded.</summary>
    protected string? Problem { get; set; }

    /// <summary>The last call was refused because the session's sign-in expired: a reload signs in again (the cookie's
    /// token is refreshed on the way), which the problem's message offers.</summary>
    protected bool SignInExpired { get; private set; }

    /// <summary>A call is running.</summary>
    protected bool Busy { get; private set; }

    /// <summary>The signed-in person's user id (the token's subject), as the platform names owners and assignees.</summary>
    protected string UserId => _person.FindFirst(CrmClaims.Subject)?.Value ?? string.Empty;

    protected bool May(ServiceDescriptor service, string method) => _person.May(service, method);

    protected bool IsIn(string role) => _person.IsInRole(role);

    /// <summary>The department the person works in, which their calls and notes are logged under.</summary>
    protected Department MyDepartment => Departments.FirstOrDefault(d => _person.IsInRole(d.Role)).Department;

    private static readonly (string Role, Department Department)[] Departments =
    [
        (CrmRoles.Marketing, Department.Marketing), (CrmRoles.InsideSales, Department.InsideSales), (CrmRoles.OutsideSales, Department.OutsideSales),
        (CrmRoles.SalesManager, Department.SalesManagement), (CrmRoles.OrderEntry, Department.OrderEntry), (CrmRoles.Accounting, Department.Accounting),
        (CrmRoles.CustomerService, Department.CustomerService), (CrmRoles.TechnicalSupport, Department.TechnicalSupport),
    ];

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            _person = (await AuthenticationState).User;
        }
    }

    /// <summary>Calls the gateway; the answer, or null with <see cref="Problem"/> set.</summary>
    protected async Task<T?> CallAsync<T>(Func<GatewayClients, AsyncUnaryCall<T>> call)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(call);
        T? answer = null;
        await RunAsync(async gateway => answer = await call(gateway));
        return answer;
    }

    /// <summary>Runs a longer exchange with the gateway (a stream), shown and refused as <see cref="CallAsync{T}"/>;
    /// false with <see cref="Problem"/> set when the gateway refused it.</summary>
    protected async Task<bool> RunAsync(Func<GatewayClients, Task> exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        (Busy, Problem, SignInExpired) = (true, null, false);
        try
        {
            await exchange(Gateway);
            return true;
        }
        catch (RpcException failure)
        {
            Problem = GatewayProblem.Describe(failure);
            SignInExpired = failure.StatusCode == StatusCode.Unauthenticated;
            return false;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>An enum value in words: <c>HandlingObjections</c> as "Handling objections".</summary>
    protected static string Label(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var name = value.ToString();
        var words = new System.Text.StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            words.Append(words.Length > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString());
        }

        return words.ToString();
    }

    protected static string Day(Crm.Common.Grpc.V1.Date? date) =>
        date is null || date.Year == 0 ? "—" : new DateOnly(date.Year, date.Month, date.Day).ToString("yyyy-MM-dd", Invariant);

    protected static string When(Google.Protobuf.WellKnownTypes.Timestamp? at) =>
        at is null ? "—" : at.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm", Invariant);

    protected static string Amount(Crm.Common.Grpc.V1.Money? money) =>
        money is null || string.IsNullOrEmpty(money.CurrencyCode) ? "—" : string.Create(Invariant, $"{Crm.Api.MoneyConversions.Read(money, "amount").Amount:#,0.00} {money.CurrencyCode}");
}
