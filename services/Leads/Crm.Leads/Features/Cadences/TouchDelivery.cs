using Crm.Contracts.Leads;
using Crm.Leads.Domain;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Crm.Leads.Features.Cadences;

/// <summary>
/// Sends a touch on its channel: an e-mail over SMTP (one connection per sweep, opened at the first e-mail), with a
/// link and a List-Unsubscribe header to opt out; a letter, a fax or a call task is recorded with its text by the
/// sweep, for the mail room or Inside Sales. Scoped: one per sweep.
/// </summary>
public sealed class TouchDelivery(IOptions<DripOptions> options) : IAsyncDisposable
{
    private SmtpClient? _smtp;

    /// <summary>Whether <paramref name="failure"/> says the SMTP server cannot take e-mail now (down, refusing for a
    /// while), rather than refusing one address.</summary>
    public static bool IsUnavailable(Exception failure) =>
        failure is IOException or System.Net.Sockets.SocketException or MailKit.ServiceNotConnectedException or SmtpProtocolException
            or SmtpCommandException { ErrorCode: not SmtpErrorCode.RecipientNotAccepted };

    /// <summary>Sends an e-mail touch (other channels need nothing sent); false when the server refuses the address.</summary>
    public async Task<bool> SendAsync(Touch touch, IDripRecipient person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(touch);
        ArgumentNullException.ThrowIfNull(person);
        if (touch.Channel is not TouchChannel.Email)
        {
            return true;
        }

        var settings = options.Value;
        var optOut = new Uri(settings.OptOutAddress, touch.OptOutToken);
        var message = new MimeMessage
        {
            // The touch's id, which the touch recorded with it keeps: an e-mail in the sink or a reply is traced to its touch.
            MessageId = $"{touch.TouchId:N}@{settings.FromAddress.Split('@')[^1]}",
            Subject = touch.Subject,
            Body = new BodyBuilder
            {
                TextBody = $"{touch.Body}\n\n--\nTo receive no more e-mails from us: {optOut}\n",
            }.ToMessageBody(),
        };
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        message.To.Add(new MailboxAddress(person.FullName, person.Email!));
        message.Headers.Add(HeaderId.ListUnsubscribe, $"<{optOut}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        var smtp = await ConnectedAsync(cancellationToken);
        try
        {
            await smtp.SendAsync(message, cancellationToken);
            return true;
        }
        catch (SmtpCommandException refused) when (refused.ErrorCode is SmtpErrorCode.RecipientNotAccepted)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_smtp is { IsConnected: true })
        {
            await _smtp.DisconnectAsync(quit: true);
        }

        _smtp?.Dispose();
    }

    private async Task<SmtpClient> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (_smtp is { IsConnected: true })
        {
            return _smtp;
        }

        _smtp ??= new SmtpClient();
        var server = options.Value.Smtp;
        await _smtp.ConnectAsync(server.Host, server.Port, SecureSocketOptions.None, cancellationToken);
        return _smtp;
    }
}
