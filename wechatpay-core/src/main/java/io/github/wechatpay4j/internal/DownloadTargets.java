package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.download.DownloadException;
import io.github.wechatpay4j.download.DownloadException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.ToLongFunction;

/**
 * Where a download goes while it is unverified: a temporary file that nobody else is handed until the download has
 * checked every byte. Moved into place, or copied to the caller's stream, only then; removed on any failure.
 */
public final class DownloadTargets {

    private DownloadTargets() {}

    /** Writes to a temporary file next to {@code target} and moves it into place only on success. */
    public static long toFile(Path target, ToLongFunction<OutputStream> download) {
        if (target == null) {
            throw new InvalidRequestException("the target file of the download is missing");
        }
        Path absolute = target.toAbsolutePath();
        Path temp = createTemp(absolute.getParent(), absolute.getFileName().toString());
        try {
            long size = writeTo(temp, download);
            try {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            return size;
        } catch (IOException e) {
            throw new DownloadException(
                    Reason.WRITE_FAILED, "cannot move the downloaded file into place at " + absolute + ": " + e, e);
        } finally {
            delete(temp);
        }
    }

    /**
     * Writes to a temporary file (in {@code java.io.tmpdir}, readable by the owner only where the file system has
     * permissions), and copies it to {@code out} only on success: {@code out} never sees an unverified byte.
     */
    public static long copiedWhenVerified(OutputStream out, ToLongFunction<OutputStream> download) {
        if (out == null) {
            throw new InvalidRequestException("the stream to write the download to is required");
        }
        Path temp = createTemp(null, "wechatpay-download-");
        try {
            long size = writeTo(temp, download);
            long copied = 0;
            try (InputStream in = Files.newInputStream(temp)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) >= 0; copied += n) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new DownloadException(
                        Reason.WRITE_FAILED,
                        "the file was downloaded and verified, but writing" + " it to the stream failed after " + copied
                                + " bytes: " + e,
                        e);
            }
            return size;
        } finally {
            delete(temp);
        }
    }

    private static long writeTo(Path temp, ToLongFunction<OutputStream> download) {
        try (OutputStream out = Files.newOutputStream(temp)) {
            return download.applyAsLong(out);
        } catch (IOException e) {
            throw new DownloadException(Reason.WRITE_FAILED, "cannot write the download to " + temp + ": " + e, e);
        }
    }

    private static Path createTemp(Path directory, String prefix) {
        try {
            return directory == null
                    ? Files.createTempFile(prefix, ".part")
                    : Files.createTempFile(directory, prefix, ".part");
        } catch (IOException | RuntimeException e) {
            throw new DownloadException(
                    Reason.WRITE_FAILED,
                    "cannot create a temporary file for the download"
                            + (directory == null ? "" : " next to " + directory) + ": " + e,
                    e);
        }
    }

    private static void delete(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            Logs.DOWNLOADS.log(
                    System.Logger.Level.WARNING, "could not remove the temporary download " + temp + ": " + e);
        }
    }
}
