package io.payonce.web;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.payonce.attempt.Attempt;
import io.payonce.shared.ApiException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The QR code of a live attempt's {@code qr} action, drawn on the server (zxing) as a PNG of a fixed
 * size. Only the code the channel gave for this attempt is ever drawn, never text from the request,
 * so the endpoint cannot be used to make arbitrary images; codes over the configured length are refused.
 */
@RestController
class QrCodeController {
    private static final int QUIET_ZONE_MODULES = 2;

    private final Cashier cashier;
    private final PagesProperties properties;

    QrCodeController(Cashier cashier, PagesProperties properties) {
        this.cashier = cashier;
        this.properties = properties;
    }

    @GetMapping("/checkout/{paymentNo}/qr.png")
    ResponseEntity<byte[]> qr(@PathVariable String paymentNo) {
        Attempt attempt = cashier.attempt(paymentNo);
        if (!attempt.isLive() || attempt.action() == null || !attempt.action().type().equals("qr")) {
            throw ApiException.notFound("QR code of payment " + paymentNo);
        }
        String code = attempt.action().fields().get("code");
        if (code == null || code.isEmpty() || code.length() > properties.qrMaxCodeLength()) {
            throw new ApiException(422, "qr_code_unusable", "code: the channel's QR code is empty or longer than "
                    + properties.qrMaxCodeLength() + " characters");
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.maxAge(5, TimeUnit.MINUTES).cachePrivate())
                .body(png(code, properties.qrSizePx()));
    }

    static byte[] png(String code, int sizePx) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(code, BarcodeFormat.QR_CODE, sizePx, sizePx, Map.of(
                    EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name(),
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.MARGIN, QUIET_ZONE_MODULES));
            BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    image.setRGB(x, y, matrix.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw new ApiException(422, "qr_code_unusable", "code: cannot be drawn as a QR code (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
