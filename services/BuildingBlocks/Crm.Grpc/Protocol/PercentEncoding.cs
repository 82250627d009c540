using System.Text;

namespace Crm.Grpc.Protocol;

/// <summary><c>grpc-message</c> is UTF-8, percent-encoded outside printable ASCII (and '%' itself).</summary>
public static class PercentEncoding
{
    public static string Encode(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.All(c => c is >= ' ' and <= '~' and not '%'))
        {
            return message;
        }

        var text = new StringBuilder(message.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(Convert.ToHexString([b]));
            }
        }

        return text.ToString();
    }

    /// <summary>Decodes leniently: a malformed escape stays as it is, as the protocol asks.</summary>
    public static string Decode(string? value)
    {
        if (string.IsNullOrEmpty(value) || !value.Contains('%', StringComparison.Ordinal))
        {
            return value ?? string.Empty;
        }

        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
            {
                bytes.Add(Convert.FromHexString(value.AsSpan(i + 1, 2))[0]);
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
