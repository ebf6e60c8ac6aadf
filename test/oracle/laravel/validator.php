<?php
// Differential oracle: Laravel's own Validator (Debian's php-laravel-framework 8.83: the same
// parseData, wildcard expansion, message order and attribute naming as 11.x) with Laravel 11's
// English messages. Reads JSON lines {"body": "<json>", "rules": {...}}, writes each case's
// [key, first message] pairs. Used by validator-diff.mjs and rules-diff.mjs (not by npm test).
require '/usr/share/php/Illuminate/autoload.php';
use Illuminate\Translation\{ArrayLoader, Translator}; use Illuminate\Validation\Factory;
$t = new Translator(new ArrayLoader, 'en');
$f = new Factory($t);
$messages = ['required' => 'The :attribute field is required.', 'string' => 'The :attribute field must be a string.', 'numeric' => 'The :attribute field must be a number.', 'integer' => 'The :attribute field must be an integer.', 'boolean' => 'The :attribute field must be true or false.', 'array' => 'The :attribute field must be an array.', 'email' => 'The :attribute field must be a valid email address.', 'url' => 'The :attribute field must be a valid URL.', 'date' => 'The :attribute field must be a valid date.', 'in' => 'The selected :attribute is invalid.'];
while (($line = fgets(STDIN)) !== false) {
  $case = json_decode($line, true);
  $data = json_decode($case['body'], true);
  if (!is_array($data)) $data = [];
  $v = $f->make($data, $case['rules'], $messages);
  $v->passes();
  $out = [];
  foreach ($v->errors()->toArray() as $k => $msgs) $out[] = [$k, $msgs[0]];
  echo json_encode($out), "\n";
}
