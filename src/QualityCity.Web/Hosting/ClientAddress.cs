using System.Net;
using System.Net.Sockets;

namespace QualityCity.Web.Hosting;

/// <summary>
/// The key that per-client limits (rate limiting, sign-in throttling) count by: the client's IP
/// address as the server sees it — after the forwarded-headers middleware when a trusted reverse
/// proxy is configured, otherwise the connection's own address. An IPv6 client is counted by its
/// /64 network, because one subscriber usually holds a whole /64 and could otherwise start afresh
/// with every address in it.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext http) => KeyOf(http.Connection.RemoteIpAddress);

    public static string KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
