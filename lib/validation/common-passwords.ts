/**
 * The most common passwords of at least 10 characters (from public breach frequency lists),
 * lower-cased. A password on this list is refused whatever its length.
 */
export const COMMON_PASSWORDS = new Set([
  "1234567890", "12345678910", "0123456789", "1111111111", "0000000000", "1234512345", "1q2w3e4r5t", "1qaz2wsx3edc",
  "qwertyuiop", "qwerty1234", "qwerty12345", "qwerty123456", "asdfghjkl1", "zxcvbnm123", "password12", "password123",
  "password1234", "password!1", "passw0rd123", "p@ssw0rd123", "iloveyou12", "iloveyou123", "princess12", "sunshine12",
  "football12", "baseball12", "superman12", "welcome123", "welcome1234", "letmein123", "abcdefghij", "abcd123456",
  "abc1234567", "changeme123", "administrator", "admin12345", "admin123456", "trustno1234", "starwars12", "monkey1234",
  "dragon1234", "michael123", "charlie123", "master1234", "whatever12", "computer12", "internet12", "qazwsxedcr",
  "987654321a", "9876543210", "a123456789", "1234567890a", "1234567890q", "passwordpassword", "slant-password",
]);

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}
