namespace Crm.Api;

/// <summary>
/// The longest text each kind of field takes, the same in every service (listed in the README). A longer value is
/// refused at write with INVALID_ARGUMENT naming the field, so that no single field can be megabytes long. (Bounding
/// whole lists and the customer view under the 4 MiB message limit is still to do: issue 11.)
/// </summary>
public static class TextLimits
{
    /// <summary>A name, subject or title: a line a person reads in a list.</summary>
    public const int Line = 200;

    /// <summary>A reference another system gives: purchase order, carrier, tracking number.</summary>
    public const int Reference = 100;

    /// <summary>Free text: notes, descriptions, summaries, resolutions, reasons, BANT answers.</summary>
    public const int Note = 4000;

    /// <summary>A street or a web address.</summary>
    public const int Address = 500;

    /// <summary>An e-mail address (RFC 5321's longest path).</summary>
    public const int Email = 320;

    /// <summary>A phone number as typed, before normalisation.</summary>
    public const int Phone = 50;

    /// <summary>A postal code.</summary>
    public const int PostalCode = 20;
}
