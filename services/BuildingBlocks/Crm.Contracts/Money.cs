namespace Crm.Contracts;

/// <summary>An amount in a currency. Never a double: money adds up exactly.</summary>
/// <param name="Currency">ISO 4217 code, e.g. <c>EUR</c>.</param>
/// <param name="Amount">The amount in that currency's major unit (12.50).</param>
public sealed record Money(string Currency, decimal Amount);
