package io.rtdcs.dcs;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 / localhost made with the JDK's keytool, written as PEM
 * (certificate and PKCS#8 key), the form rtdcs's TLS config takes.
 */
public record SelfSignedPem(Path certPath, Path keyPath, Path keyStore, String password) {

  public static SelfSignedPem create(Path dir, String alias) throws Exception {
    String password = "changeit-" + alias;
    Path p12 = dir.resolve(alias + ".p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                p12.toString(),
                "-storepass",
                password,
                "-keypass",
                password)
            .redirectErrorStream(true)
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(
          "keytool failed: " + new String(process.getInputStream().readAllBytes()));
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, password.toCharArray());
    }
    PrivateKey key = (PrivateKey) ks.getKey(alias, password.toCharArray());
    Certificate cert = ks.getCertificate(alias);
    Path certPath = dir.resolve(alias + "-cert.pem");
    Path keyPath = dir.resolve(alias + "-key.pem");
    Files.writeString(certPath, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
    Files.writeString(keyPath, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
    return new SelfSignedPem(certPath, keyPath, p12, password);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
