using Crm.Common.Grpc.V1;
using MudBlazor;

namespace Crm.Web.Components;

/// <summary>Amounts of money as a chart's series; a missing amount plots as zero.</summary>
public static class Charts
{
    public static ChartSeries<double> Series(string name, IEnumerable<Money?> amounts) =>
        new() { Name = name, Data = new ChartData<double>([.. amounts.Select(a => a is { CurrencyCode.Length: > 0 } m ? (double)Crm.Api.MoneyConversions.Read(m, "amount").Amount : 0d)]) };
}
