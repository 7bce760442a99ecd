package io.antrest.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorUrlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "http://user:PW-0001@host                      | http://user:****@host",
            "https://user:PW-0001@api.example.com/api/v3   | https://user:****@api.example.com/api/v3",
            "http://user:PW-0001@127.0.0.1:18080           | http://user:****@127.0.0.1:18080",
            "http://user:PW-0001@[::1]:8080/x              | http://user:****@[::1]:8080/x",
            "http://TOKEN-0001@host/path                   | http://****@host/path",
            "http://user:p@ss/w#rd?PW-0001@host:3128       | http://user:****@host:3128",
            "jdbc:mysql://user:PW-0001@host/db             | jdbc:mysql://user:****@host/db",
            "jdbc:postgresql://user:PW-0001@db:5432/x?ssl=true&sslpassword=PW-0002 | jdbc:postgresql://user:****@db:5432/x?ssl=true&sslpassword=****",
            "jdbc:postgresql://db/antrest?user=u&password=PW-0001&ssl=true | jdbc:postgresql://db/antrest?user=u&password=****&ssl=true",
            "jdbc:mysql://db/x?user=u&Password=PW-0001     | jdbc:mysql://db/x?user=u&Password=****",
            "jdbc:h2:file:/opt/data/db;USER=sa;PASSWORD=PW-0001 | jdbc:h2:file:/opt/data/db;USER=sa;PASSWORD=****",
            "jdbc:h2:file:/opt/data/db;PASSWORD=PW-0001;MODE=MySQL | jdbc:h2:file:/opt/data/db;PASSWORD=****;MODE=MySQL",
            "jdbc:sqlserver://db;user=u;pwd=PW-0001        | jdbc:sqlserver://db;user=u;pwd=****",
            "jdbc:x://db?PASSWD=PW-0001                    | jdbc:x://db?PASSWD=****",
            "jdbc:oracle:thin:scott/PW-0001@//db:1521/orcl | jdbc:oracle:thin:scott/****@//db:1521/orcl",
    })
    void masksTheCredentialsOfEveryKindOfUrl(String url, String masked) {
        assertThat(Redactor.url(url)).isEqualTo(masked).doesNotContain("PW-000");
    }

    @Test
    void masksUrlsInsideAMessageAndLeavesTheRestAlone() {
        String message = "could not connect to http://user:PW-0001@host:3128: java.net.UnknownHostException: "
                + "http://user:PW-0001@host (store 'jdbc:h2:file:x;password=PW-0002', user=sa password=PW-0003 more)";
        assertThat(Redactor.url(message))
                .isEqualTo("could not connect to http://user:****@host:3128: java.net.UnknownHostException: "
                        + "http://user:****@host (store 'jdbc:h2:file:x;password=****', user=sa password=**** more)");
    }

    @Test
    void leavesUrlsWithoutCredentialsUnchanged() {
        for (String plain : List.of("https://api.binance.com/api/v3/order?symbol=BTCUSDT&side=BUY",
                "http://127.0.0.1:8080", "jdbc:h2:file:/opt/antrest/data/contracts", "jdbc:postgresql://db/x?user=u",
                "gateway 'binance' is UP: 26 contracts MATCH", "")) {
            assertThat(Redactor.url(plain)).isEqualTo(plain);
        }
        assertThat(Redactor.url(null)).isNull();
    }

    @Test
    void textMasksUrlsAndTheKnownSecretValues() {
        assertThat(Redactor.text("gateway.a.url is http://u:PW-0001@h, key value-from-env-0001",
                List.of("value-from-env-0001"))).isEqualTo("gateway.a.url is http://u:****@h, key ****");
    }
}
