namespace Crm.Api;

/// <summary>How a refusal quotes the value it refused: enough to recognise, never a megabyte in a status message.</summary>
internal static class Echo
{
    public static string Shorten(string value, int length = 40) => value.Length <= length ? value : value[..length] + "...";
}
