namespace Crm.Api;

/// <summary>How a refusal quotes the value it refused, and a timeline line its text: enough to recognise, never a megabyte.</summary>
public static class Echo
{
    public static string Shorten(string value, int length = 40)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= length)
        {
            return value;
        }

        // Never half a character: a surrogate pair stays whole or goes.
        var cut = char.IsHighSurrogate(value[length - 1]) ? length - 1 : length;
        return value[..cut] + "...";
    }
}
