document.body.innerHTML = "pwned";
