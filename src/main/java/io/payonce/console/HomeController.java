package io.payonce.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Sign-in page, the console's front door, and the page shown for a refused request (403). */
@Controller
class HomeController {
    @GetMapping(ConsoleSecurity.LOGIN)
    String login() {
        return "console/login";
    }

    @GetMapping({"/console", "/console/"})
    String home() {
        return "redirect:/console/dashboard";
    }

    @RequestMapping("/console/denied")
    String denied(Model model) {
        model.addAttribute("status", 403);
        model.addAttribute("message", "Refused: your role may not do this, or the form had expired (reload the page and try again).");
        return "console/error";
    }
}
