// Command validate-manifests checks rendered Kubernetes manifests offline: every object is
// decoded strictly against the API types of k8s.io/api (unknown, misplaced or mistyped fields
// fail), and the references between the chart's objects are checked (selectors select a
// workload, named ports and probes exist, Secrets, ConfigMaps and claims referenced are there,
// NetworkPolicies select a workload and name its ports).
//
//	validate-manifests FILE...   (or a YAML stream on stdin)
//
// Prints one line per problem and exits 1 if there is any.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/kubernetes/scheme"
)

// objects holds the decoded manifests by kind and name.
type objects struct {
	deployments map[string]*appsv1.Deployment
	services    map[string]*corev1.Service
	configMaps  map[string]*corev1.ConfigMap
	secrets     map[string]*corev1.Secret
	claims      map[string]*corev1.PersistentVolumeClaim
	accounts    map[string]*corev1.ServiceAccount
	hpas        map[string]*autoscalingv2.HorizontalPodAutoscaler
	pdbs        map[string]*policyv1.PodDisruptionBudget
	policies    map[string]*networkingv1.NetworkPolicy
	count       int
}

func main() {
	var problems []string
	objs, decodeProblems, err := decodeAll(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "validate-manifests:", err)
		os.Exit(2)
	}
	problems = append(problems, decodeProblems...)
	problems = append(problems, checkReferences(objs)...)
	for _, p := range problems {
		fmt.Println("validate-manifests:", p)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
	fmt.Printf("validate-manifests: %d objects valid\n", objs.count)
}

func decodeAll(files []string) (*objects, []string, error) {
	objs := &objects{
		deployments: map[string]*appsv1.Deployment{},
		services:    map[string]*corev1.Service{},
		configMaps:  map[string]*corev1.ConfigMap{},
		secrets:     map[string]*corev1.Secret{},
		claims:      map[string]*corev1.PersistentVolumeClaim{},
		accounts:    map[string]*corev1.ServiceAccount{},
		hpas:        map[string]*autoscalingv2.HorizontalPodAutoscaler{},
		pdbs:        map[string]*policyv1.PodDisruptionBudget{},
		policies:    map[string]*networkingv1.NetworkPolicy{},
	}
	decoder := serializer.NewCodecFactory(scheme.Scheme, serializer.EnableStrict).UniversalDeserializer()
	var problems []string
	readers := map[string]io.Reader{}
	if len(files) == 0 {
		readers["stdin"] = os.Stdin
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, err
		}
		readers[f] = bytes.NewReader(data)
	}
	for source, r := range readers {
		docs := utilyaml.NewYAMLReader(bufio.NewReader(r))
		for i := 0; ; i++ {
			doc, err := docs.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %w", source, err)
			}
			if isBlank(doc) {
				continue
			}
			obj, gvk, err := decoder.Decode(doc, nil, nil)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s document %d: %v", source, i, err))
				continue
			}
			objs.count++
			if !objs.add(obj) {
				problems = append(problems, fmt.Sprintf("%s document %d: unexpected kind %s", source, i, gvk.Kind))
			}
		}
	}
	return objs, problems, nil
}

// isBlank is true for a document of only comments and whitespace (helm leaves those).
func isBlank(doc []byte) bool {
	for _, line := range strings.Split(string(doc), "\n") {
		t := strings.TrimSpace(line)
		if t != "" && t != "---" && !strings.HasPrefix(t, "#") {
			return false
		}
	}
	return true
}

func (o *objects) add(obj runtime.Object) bool {
	switch v := obj.(type) {
	case *appsv1.Deployment:
		o.deployments[v.Name] = v
	case *corev1.Service:
		o.services[v.Name] = v
	case *corev1.ConfigMap:
		o.configMaps[v.Name] = v
	case *corev1.Secret:
		o.secrets[v.Name] = v
	case *corev1.PersistentVolumeClaim:
		o.claims[v.Name] = v
	case *corev1.ServiceAccount:
		o.accounts[v.Name] = v
	case *autoscalingv2.HorizontalPodAutoscaler:
		o.hpas[v.Name] = v
	case *policyv1.PodDisruptionBudget:
		o.pdbs[v.Name] = v
	case *networkingv1.NetworkPolicy:
		o.policies[v.Name] = v
	default:
		return false
	}
	return true
}

func checkReferences(o *objects) []string {
	var problems []string
	report := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	for name, d := range o.deployments {
		selector, err := metaSelector(d.Spec.Selector.MatchLabels)
		if err != nil || !selector.Matches(labels.Set(d.Spec.Template.Labels)) {
			report("deployment %s: selector does not match its pod labels", name)
		}
		pod := d.Spec.Template.Spec
		if sa := pod.ServiceAccountName; sa != "" && sa != "default" && o.accounts[sa] == nil {
			report("deployment %s: service account %s is not rendered", name, sa)
		}
		volumes := map[string]bool{}
		for _, v := range pod.Volumes {
			volumes[v.Name] = true
			if c := v.PersistentVolumeClaim; c != nil && o.claims[c.ClaimName] == nil {
				report("deployment %s: claim %s is not rendered (an existing claim must exist in the cluster)", name, c.ClaimName)
			}
			if c := v.ConfigMap; c != nil && o.configMaps[c.Name] == nil {
				report("deployment %s: volume %s: ConfigMap %s is not rendered", name, v.Name, c.Name)
			}
		}
		for _, c := range pod.Containers {
			ports := containerPortNames(c)
			for _, probe := range []*corev1.Probe{c.StartupProbe, c.LivenessProbe, c.ReadinessProbe} {
				if probe != nil && probe.TCPSocket != nil && !ports[probe.TCPSocket.Port.String()] {
					report("deployment %s: probe port %s is not a container port", name, probe.TCPSocket.Port.String())
				}
			}
			for _, m := range c.VolumeMounts {
				if !volumes[m.Name] {
					report("deployment %s: mount %s has no volume", name, m.Name)
				}
			}
			for _, e := range c.EnvFrom {
				if ref := e.ConfigMapRef; ref != nil && o.configMaps[ref.Name] == nil {
					report("deployment %s: ConfigMap %s is not rendered", name, ref.Name)
				}
			}
			for _, e := range c.Env {
				if e.ValueFrom == nil || e.ValueFrom.SecretKeyRef == nil {
					continue
				}
				if opt := e.ValueFrom.SecretKeyRef.Optional; opt != nil && *opt {
					continue
				}
				// A Secret of the release must hold a required key; a Secret managed outside is not checked.
				ref := e.ValueFrom.SecretKeyRef
				if s := o.secrets[ref.Name]; s != nil {
					if _, ok := s.Data[ref.Key]; !ok {
						if _, ok := s.StringData[ref.Key]; !ok {
							report("deployment %s: env %s: Secret %s has no key %s", name, e.Name, ref.Name, ref.Key)
						}
					}
				}
			}
		}
	}

	for name, s := range o.services {
		d := selectedDeployment(o, s.Spec.Selector)
		if d == nil {
			report("service %s: selector matches no deployment", name)
			continue
		}
		ports := map[string]bool{}
		for _, c := range d.Spec.Template.Spec.Containers {
			for p := range containerPortNames(c) {
				ports[p] = true
			}
		}
		for _, p := range s.Spec.Ports {
			if !ports[p.TargetPort.String()] {
				report("service %s: target port %s is not a port of deployment %s", name, p.TargetPort.String(), d.Name)
			}
		}
		if s.Spec.ExternalTrafficPolicy != "" && s.Spec.Type != corev1.ServiceTypeLoadBalancer && s.Spec.Type != corev1.ServiceTypeNodePort {
			report("service %s: externalTrafficPolicy on a %s service", name, s.Spec.Type)
		}
	}

	for name, h := range o.hpas {
		ref := h.Spec.ScaleTargetRef
		if ref.Kind != "Deployment" || o.deployments[ref.Name] == nil {
			report("hpa %s: target %s/%s is not rendered", name, ref.Kind, ref.Name)
		} else if o.deployments[ref.Name].Spec.Replicas != nil {
			report("hpa %s: deployment %s also fixes replicas (each upgrade would reset them)", name, ref.Name)
		}
	}

	for name, p := range o.policies {
		d := selectedDeployment(o, p.Spec.PodSelector.MatchLabels)
		if d == nil {
			report("networkpolicy %s: pod selector matches no deployment", name)
			continue
		}
		ports := map[string]bool{}
		for _, c := range d.Spec.Template.Spec.Containers {
			for port := range containerPortNames(c) {
				ports[port] = true
			}
		}
		for _, rule := range p.Spec.Ingress {
			for _, port := range rule.Ports {
				if port.Port != nil && !ports[port.Port.String()] {
					report("networkpolicy %s: port %s is not a port of deployment %s", name, port.Port.String(), d.Name)
				}
			}
		}
	}

	for name, p := range o.pdbs {
		if p.Spec.Selector == nil || selectedDeployment(o, p.Spec.Selector.MatchLabels) == nil {
			report("pdb %s: selector matches no deployment", name)
		}
	}
	return problems
}

func metaSelector(matchLabels map[string]string) (labels.Selector, error) {
	if len(matchLabels) == 0 {
		return nil, errors.New("empty selector")
	}
	return labels.SelectorFromSet(matchLabels), nil
}

func selectedDeployment(o *objects, matchLabels map[string]string) *appsv1.Deployment {
	selector, err := metaSelector(matchLabels)
	if err != nil {
		return nil
	}
	for _, d := range o.deployments {
		if selector.Matches(labels.Set(d.Spec.Template.Labels)) {
			return d
		}
	}
	return nil
}

func containerPortNames(c corev1.Container) map[string]bool {
	ports := map[string]bool{}
	for _, p := range c.Ports {
		ports[p.Name] = true
		ports[fmt.Sprint(p.ContainerPort)] = true
	}
	return ports
}
