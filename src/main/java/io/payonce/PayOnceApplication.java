package io.payonce;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PayOnceApplication {
    public static void main(String[] args) {
        SpringApplication.run(PayOnceApplication.class, args);
    }
}
