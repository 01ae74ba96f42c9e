package io.github.wechatpay4j.download;

import io.github.wechatpay4j.MalformedResponseException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/** Where a {@code download_url} may be fetched with the merchant's signature: the API host or its backup host only. */
final class DownloadUrls {

    private DownloadUrls() {}

    /**
     * The host (the API host or the backup host) and the raw path and query of a download URL.
     *
     * @throws MalformedResponseException when the URL is no URL, names no file, or is on another host
     */
    static Map.Entry<String, String> target(String baseUrl, String backupBaseUrl, String downloadUrl) {
        URI url;
        try {
            url = new URI(downloadUrl == null ? "" : downloadUrl.strip());
        } catch (URISyntaxException e) {
            throw new MalformedResponseException("the download_url is not a URL: " + e.getReason(), 200, null, e);
        }
        String base = sameHost(url, baseUrl)
                ? baseUrl
                : backupBaseUrl != null && sameHost(url, backupBaseUrl) ? backupBaseUrl : null;
        String host = url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
        if (base != null
                && (url.getRawPath() == null
                        || url.getRawPath().isEmpty()
                        || url.getRawPath().equals("/"))) {
            throw new MalformedResponseException(
                    "the download_url " + host + " has no path: it names no file", 200, null, null);
        }
        if (base == null) {
            throw new MalformedResponseException(
                    "the download_url " + host + url.getRawPath() + " is not on this"
                            + " client's API host " + baseUrl
                            + (backupBaseUrl == null ? "" : " or its backup host " + backupBaseUrl)
                            + "; the merchant signature is only sent there",
                    200,
                    null,
                    null);
        }
        return Map.entry(base, url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    }

    private static boolean sameHost(URI url, String base) {
        URI b = URI.create(base);
        return url.getHost() != null
                && url.getHost().equalsIgnoreCase(b.getHost())
                && port(url) == port(b)
                && b.getScheme().equalsIgnoreCase(url.getScheme());
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
